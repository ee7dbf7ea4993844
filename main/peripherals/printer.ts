// The printer at a kiosk or counter, behind a port. The default writes each job as a PDF file in a folder (what a
// print-to-PDF queue or a test reads back); a driver for a ticket printer takes the same jobs.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface PrintJob {
  kind: 'tickets' | 'receipt' | 'shift_report';
  /** Names the job in a print queue: an order code, a shift. */
  title: string;
  pdf: Uint8Array;
}

export interface Printer {
  /** Prints; answers the job's name (for the PDF printer, the file). */
  print(job: PrintJob): Promise<string>;
}

export class PdfFilePrinter implements Printer {
  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  async print(job: PrintJob): Promise<string> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const slug = job.title.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 60);
    const file = join(this.directory, `${stamp}-${job.kind}-${slug}-${randomBytes(3).toString('hex')}.pdf`);
    // Written whole, then renamed: a spooler watching the folder never picks up half a file.
    writeFileSync(`${file}.part`, job.pdf);
    renameSync(`${file}.part`, file);
    return file;
  }
}
