// A QR code as runs of dark modules, row by row: what the PDF (rectangles) and the SVG (one path) both draw. The
// quiet zone scanners need is included in `size`.
import QRCode from 'qrcode';

export const QUIET_ZONE = 4;

export interface QrRuns {
  /** Modules across, quiet zone included. */
  size: number;
  /** [row, first column, length], in modules, quiet zone included. */
  runs: [number, number, number][];
}

export function qrRuns(text: string): QrRuns {
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
