// Carries staff changes to the user pool in front (Cognito in AWS) after they commit. A change writes our database,
// its audit entry and one outbox job in one transaction; the job reads the member as they are now and asks the
// directory to match: so a retry, or two jobs run out of order, still end in the state our database holds, and a
// Cognito outage leaves a job failing visibly (operations: failed jobs, retry) instead of a change half made.
// Meanwhile our token check already refuses what the change took away (cut-offs, disabled accounts).
import { randomUUID } from 'node:crypto';
import { insertOutboxJobs, type OutboxRow } from '../../db/outbox.ts';
import type { Db, Queryable } from '../../db/port.ts';
import { findStaff, findStaffByDirectorySubject, setDirectorySubject, type StaffRow } from '../../db/staff.ts';
import { staffRolesOf } from '../../domain/staff-roles.ts';
import type { JobHandler } from '../jobs/outbox-dispatcher.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { DirectoryMember, StaffDirectory } from '../ports.ts';
import { venuesOfStored } from './staff-venues.ts';

/** What changed: the account made, its role and venues, disabled or enabled, or every session to end. */
export type DirectoryChange = 'create' | 'role' | 'status' | 'sign_out';

interface DirectoryJob {
  /** Our account id, or (a member signing themself out with a Cognito token) their subject in the pool. */
  staffId: string;
  change: DirectoryChange;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Queues the change in `tx`, the transaction of the change itself. */
export async function queueDirectoryChange(
  tx: Queryable,
  staffId: string,
  change: DirectoryChange,
  now: Date,
): Promise<void> {
  const payload: DirectoryJob = { staffId, change };
  await insertOutboxJobs(
    tx,
    [
      {
        id: randomUUID(),
        topic: OUTBOX_TOPICS.staffDirectory,
        aggregateId: UUID.test(staffId) ? staffId : randomUUID(),
        payload,
      },
    ],
    now,
  );
}

const memberOf = (row: StaffRow): DirectoryMember => ({
  email: row.email,
  name: row.name,
  role: staffRolesOf(row)[0] ?? 'clerk',
  venueIds: venuesOfStored(row),
});

/** The outbox handler that applies a queued change to the directory. */
export function staffDirectoryHandlers(db: Db, directory: StaffDirectory): Record<string, JobHandler> {
  return {
    [OUTBOX_TOPICS.staffDirectory]: async (job: OutboxRow) => {
      const { staffId, change } = job.payload as DirectoryJob;
      const row = UUID.test(staffId)
        ? ((await findStaff(db, staffId)) ?? (await findStaffByDirectorySubject(db, staffId)))
        : null;
      // Not (or no longer) staff: nothing of ours to carry over.
      if (!row) return;
      const member = memberOf(row);
      if (change === 'create') {
        const { subject } = await directory.create(member, row.directory_subject);
        if (subject !== row.directory_subject) await setDirectorySubject(db, row.id, subject);
        if (row.disabled_at) await directory.disable(member.email);
        return;
      }
      if (!row.directory_subject) {
        // Staff in the pool from before it learnt our subjects: linked first, so our cut-offs reach their tokens.
        const subject = await directory.subjectOf(member);
        // None in the pool: nothing to carry over (an invitation's job still to run makes it as the member is now).
        if (!subject) return;
        await setDirectorySubject(db, row.id, subject);
      }
      switch (change) {
        case 'role':
          // Tokens carry the old groups: the member signs in again to get the new ones.
          await directory.setRole(member);
          return directory.signOutEverywhere(member.email);
        case 'status':
          return row.disabled_at ? directory.disable(member.email) : directory.enable(member.email);
        case 'sign_out':
          return directory.signOutEverywhere(member.email);
      }
    },
  };
}
