// Downloads an export as it streams, telling its progress in rows: the API sends the row count first
// (X-Row-Count); a CSV's rows are counted as its lines arrive, an XLSX's (a zip, unreadable until whole) estimated
// from the bytes so far, never past the count. The route, its path and its query come from the route table.
import { EXPORT_ROW_COUNT_HEADER, type ExportDataset, type ExportQuery } from '../../../../cloud/contract/index.ts';
import { ProblemError, pathFor, queryString, type Downloaded } from '../admin-api.ts';

export interface ExportProgress {
  rows: number;
  /** The export's rows, from the API's header. */
  total: number;
  done: boolean;
}

/** Compressed XLSX bytes a row takes, about (measured on ticket exports); only for the bar's estimate. */
const XLSX_BYTES_PER_ROW = 60;
const NEWLINE = 10;

export async function downloadExport(
  token: string,
  dataset: ExportDataset,
  query: ExportQuery,
  onProgress: (progress: ExportProgress) => void,
): Promise<Downloaded> {
  const url = pathFor('exportData', { dataset }) + queryString({ ...query });
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: '*/*' } });
  } catch {
    throw new ProblemError(0, { type: 'network', detail: 'We could not reach TicketBoss. Check your connection.' });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as ConstructorParameters<typeof ProblemError>[1];
    throw new ProblemError(response.status, problem);
  }
  const total = Number(response.headers.get(EXPORT_ROW_COUNT_HEADER) ?? 0) || 0;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let lines = 0;
  let bytes = 0;
  const rowsSoFar = () =>
    Math.min(total, query.format === 'csv' ? Math.max(0, lines - 1) : Math.floor(bytes / XLSX_BYTES_PER_ROW));
  onProgress({ rows: 0, total, done: false });
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    if (query.format === 'csv') for (const byte of value) if (byte === NEWLINE) lines++;
    onProgress({ rows: rowsSoFar(), total, done: false });
  }
  onProgress({ rows: total, total, done: true });
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
  const disposition = response.headers.get('content-disposition') ?? '';
  return {
    blob: new Blob(chunks, { type: contentType }),
    filename: /filename="?([^";]+)"?/i.exec(disposition)?.[1],
    contentType,
  };
}
