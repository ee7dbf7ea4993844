// Runs export jobs off the exports queue (admin: exports): a queue and a function of their own, so an export's minutes
// never hold up a buyer's tickets or a refund behind it in the jobs queue, nor outlive the one-minute lease of the
// jobs around it. The tick relays `export_file` jobs here with a lease longer than the function's timeout; the run is
// the jobs function's (a job's failure is recorded in the outbox; a crash of the runner returns the message).
import { runJobs } from './jobs.ts';
import { observed } from './observability.ts';

export const handler = observed('exports', runJobs);
