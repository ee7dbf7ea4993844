// A QR code as runs of dark modules, row by row: what the PDF (rectangles) and the SVG (one path) both draw. The
// quiet zone scanners need is included in `size`.
import QRCode from 'qrcode';

export const QUIET_ZONE = 4;

export interface QrRuns {
  /** Modules across, quiet zone included. */
  size: number;
  /** [row, first column, length], in modules, quiet zone included. */
  readonly runs: readonly (readonly [number, number, number])[];
}

// A ticket's code is encoded twice as it is fulfilled, for its image and its PDF page (the encoder's mask search is
// most of drawing a QR code): the last few codes' runs are kept. Read-only to callers.
const recent = new Map<string, QrRuns>();
const RECENT_CODES = 64;

export function qrRuns(text: string): QrRuns {
  const known = recent.get(text);
  if (known) return known;
  const runs = encodeRuns(text);
  if (recent.size >= RECENT_CODES) recent.delete(recent.keys().next().value!);
  recent.set(text, runs);
  return runs;
}

function encodeRuns(text: string): QrRuns {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row + QUIET_ZONE, start + QUIET_ZONE, col - start]);
        start = -1;
      }
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, runs };
}
