// The landing page until the dashboard section exists (or for a role without it): who is signed in and the sections
// their role opens.
import { Link } from '../shop/router.tsx';
import type { AdminSession } from './admin-session.ts';
import type { AdminSection } from './sections.ts';
import { roleLabel, staffName } from './staff-labels.ts';
import { PageHeader } from './kit/PageHeader.tsx';

export function Welcome({ session, sections }: { session: AdminSession; sections: AdminSection[] }) {
  return (
    <>
      <PageHeader title="Back office" description={`Welcome, ${staffName(session)} (${roleLabel(session)}).`} />
      <ul className="admin-welcome">
        {sections.map((section) => (
          <li key={section.id}>
            <Link to={section.path}>{section.label}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
