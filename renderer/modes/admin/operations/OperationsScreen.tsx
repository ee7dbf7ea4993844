// Operations: the audit log and the failed jobs (skeleton: filled in by the next commits).
import type { AdminScreenProps } from '../screen.ts';
import { PageHeader } from '../kit/PageHeader.tsx';
import { EmptyState } from '../kit/states.tsx';

export default function OperationsScreen(_props: AdminScreenProps) {
  return (
    <>
      <PageHeader title="Operations" description="The audit log and failed jobs." />
      <EmptyState title="Coming in the next commit." />
    </>
  );
}
