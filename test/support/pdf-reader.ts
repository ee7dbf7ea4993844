// Reads back the PDFs TicketBoss prints: the text lines of each page, and the QR code on it decoded from the drawn
// squares (rasterised, then read by jsQR, as a scanner would), so a test checks what a person and a gate would see.
import { decodePDFRawStream, PDFArray, PDFDocument, type PDFRawStream } from 'pdf-lib';
import jsQRModule from 'jsqr';

// jsqr is CommonJS with a default export: under Node's ESM the function is either the import or its `default`.
export const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ??
  jsQRModule) as typeof jsQRModule.default;

export interface ReadPage {
  width: number;
  height: number;
  lines: string[];
  qr: string | null;
}

export interface ReadPdf {
  title: string | undefined;
  pages: ReadPage[];
  text: string;
}

const SCALE = 3;
/** The standard fonts' encoding (what pdf-lib writes for Helvetica): Latin-1 plus € and friends in 0x80–0x9F. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const WIN_ANSI = {
  decode: (bytes: Buffer) =>
    [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b))).join(''),
};

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const ops = streams
      .map((stream) => Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString('latin1'))
      .join('\n');
    const lines = [...ops.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((m) => WIN_ANSI.decode(Buffer.from(m[1]!, 'hex')));
    const { width, height } = page.getSize();
    return { width, height, lines, qr: decodeQr(ops, width, height) };
  });
  return { title: doc.getTitle(), pages, text: pages.flatMap((p) => p.lines).join('\n') };
}

/** Paints every filled rectangle (`re`) of the page and looks for a QR code in them. */
function decodeQr(ops: string, width: number, height: number): string | null {
  const w = Math.ceil(width * SCALE);
  const h = Math.ceil(height * SCALE);
  const rgba = new Uint8ClampedArray(w * h * 4).fill(255);
  // drawQr writes each run of dark modules as one `x y w h re`.
  const rect = /([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re/g;
  let found = false;
  for (const m of ops.matchAll(rect)) {
    found = true;
    const [x, y, rw, rh] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const x0 = Math.round(x * SCALE);
    const x1 = Math.round((x + rw) * SCALE);
    // PDF y grows upwards; image rows grow downwards.
    const y0 = Math.round((height - y - rh) * SCALE);
    const y1 = Math.round((height - y) * SCALE);
    for (let py = Math.max(0, y0); py < Math.min(h, y1); py++) {
      rgba.fill(0, (py * w + Math.max(0, x0)) * 4, (py * w + Math.min(w, x1)) * 4);
      for (let px = Math.max(0, x0); px < Math.min(w, x1); px++) rgba[(py * w + px) * 4 + 3] = 255;
    }
  }
  if (!found) return null;
  return jsQR(rgba, w, h)?.data ?? null;
}
