// Export jobs: an export is asked for (202 with its id), made by a job that writes the file to the export store, and
// polled for its progress (rows written of rows counted first) until it offers a short-lived download link.
import { z } from 'zod';
import { Timestamp } from './common.ts';
import { EXPORT_DATASETS, ExportQuery } from './reports.ts';

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** What to export: the dataset and format, of one event (`eventId`) or of a venue's days (`venueId`, from, to). */
export const CreateExport = ExportQuery.extend({ dataset: z.enum(EXPORT_DATASETS) }).strict();
export type CreateExport = z.infer<typeof CreateExport>;

export const ExportJob = z.object({
  id: z.uuid(),
  dataset: z.enum(EXPORT_DATASETS),
  format: ExportQuery.shape.format,
  /** In words: the event's name, or the venue's with its days. */
  title: z.string(),
  filename: z.string(),
  status: z.enum(EXPORT_STATUSES),
  rowsWritten: z.int().nonnegative(),
  /** Counted before the first row is written; null while queued. */
  rowsTotal: z.int().nonnegative().nullable(),
  /** The file's size once written. */
  bytes: z.int().nonnegative().nullable(),
  /** Why a failed export failed. */
  error: z.string().nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  /** When done and not expired: a link a browser follows without the bearer token, valid until expiresAt. */
  download: z.object({ url: z.string(), expiresAt: Timestamp }).nullable(),
  /** After this the file is gone (a day after it was asked for). */
  expiresAt: Timestamp,
});
export type ExportJob = z.infer<typeof ExportJob>;

export const ExportJobList = z.object({ exports: z.array(ExportJob) });
export type ExportJobList = z.infer<typeof ExportJobList>;

/** The signed part of a local download link: until when (Unix seconds), and the HMAC of the export id and that. */
export const ExportFileQuery = z.object({
  expires: z.coerce.number().int().positive(),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a signature'),
});
export type ExportFileQuery = z.infer<typeof ExportFileQuery>;
