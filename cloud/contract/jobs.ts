// Background jobs as an admin sees them: the ones parked as dead after too many failures.
import { z } from 'zod';

export const DeadJobList = z.object({
  jobs: z.array(
    z.object({
      id: z.uuid(),
      topic: z.string(),
      aggregateId: z.uuid(),
      attempts: z.int(),
      lastError: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type DeadJobList = z.infer<typeof DeadJobList>;
