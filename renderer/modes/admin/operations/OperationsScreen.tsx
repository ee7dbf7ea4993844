// Operations: the audit log (/admin/operations) and the failed jobs (/admin/operations/jobs), each its own address so
// a link or a reload lands on the right one. Failed jobs are shown to roles that may manage jobs.
import { may } from '../../../../cloud/domain/staff-roles.ts';
import { Link } from '../../shop/router.tsx';
import type { AdminScreenProps } from '../screen.ts';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AuditLog } from './AuditLog.tsx';
import { FailedJobs } from './FailedJobs.tsx';
import '../../../styles/admin-operations.css';

const BASE = '/admin/operations';
const JOBS = `${BASE}/jobs`;

export default function OperationsScreen({ api, session, path, query, navigate }: AdminScreenProps) {
  const canAudit = may(session.principal, 'audit:read');
  const canJobs = may(session.principal, 'jobs:manage');
  const showJobs = canJobs && (path === JOBS || !canAudit);
  return (
    <>
      <PageHeader title="Operations" description="What staff did, and background work that needs a hand." />
      <nav aria-label="Operations" className="admin-subnav">
        <ul>
          {canAudit && (
            <li>
              <Link to={BASE} aria-current={!showJobs ? 'page' : undefined}>
                Audit log
              </Link>
            </li>
          )}
          {canJobs && (
            <li>
              <Link to={JOBS} aria-current={showJobs ? 'page' : undefined}>
                Failed jobs
              </Link>
            </li>
          )}
        </ul>
      </nav>
      {showJobs ? <FailedJobs api={api} /> : <AuditLog api={api} query={query} navigate={navigate} base={BASE} />}
    </>
  );
}
