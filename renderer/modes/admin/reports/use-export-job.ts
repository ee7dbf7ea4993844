// An export job as the reports screen follows it: asked for (POST createExport, 202), then read again every half
// second while it is queued or running (rows written of rows counted), until it is done (a download link), failed
// (its error) or expired. The poll stops when the panel goes away or another export is asked for.
import { useEffect, useRef, useState } from 'react';
import { ExportJob, type CreateExport } from '../../../../cloud/contract/index.ts';
import type { AdminApi } from '../admin-api.ts';

const POLL_EVERY_MS = 500;

export interface ExportJobState {
  job: ExportJob | null;
  /** What was asked for last (a failed export is asked for again with it). */
  request: CreateExport | null;
  start(request: CreateExport): Promise<void>;
  /** The export read again now (a fresh download link when the last one ran out). */
  refresh(): Promise<ExportJob | null>;
}

export function useExportJob(api: AdminApi, onError: (error: unknown) => void): ExportJobState {
  const [job, setJob] = useState<ExportJob | null>(null);
  const [request, setRequest] = useState<CreateExport | null>(null);
  const current = useRef<string | null>(null);

  const read = async (id: string) => {
    const next = await api.call('getExport', { params: { exportId: id } }, ExportJob);
    if (current.current === id) setJob(next);
    return next;
  };

  useEffect(() => {
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
    const timer = setTimeout(() => {
      read(job.id).catch((error: unknown) => {
        if (current.current === job.id) onError(error);
      });
    }, POLL_EVERY_MS);
    return () => clearTimeout(timer);
    // Re-armed by each answer (a new job object), so one read is in flight at a time.
  }, [job]);

  useEffect(
    () => () => {
      current.current = null;
    },
    [],
  );

  return {
    job,
    request,
    async start(next) {
      onError(null);
      setRequest(next);
      current.current = null;
      setJob(null);
      try {
        const queued = await api.call('createExport', { body: next }, ExportJob);
        current.current = queued.id;
        setJob(queued);
      } catch (error) {
        onError(error);
      }
    },
    async refresh() {
      return current.current ? read(current.current) : null;
    },
  };
}
