// The page the seat-map browser test drives (bundled by esbuild in seatmap-informs.test.ts): SeatMapView on
// the theatre, in a page taller than the screen (so the wheel has a page to scroll), in a chosen language and
// direction, with the design tokens. window.mapTest mounts and unmounts it and reads what a user would see.
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { SeatMap } from '../../cloud/contract/index.ts';
import { generateTheatre } from '../../cloud/domain/seatmap/generator.ts';
import { SeatMapView } from '../../renderer/seatmap/SeatMapView.tsx';
import type { SeatMapEngine } from '../../renderer/seatmap/engine.ts';
import { I18nProvider, activateLocale, i18n, type Locale } from '../../renderer/i18n/index.ts';
import '../../renderer/styles/tokens.css';

const map: SeatMap = {
  ...generateTheatre('Pixel Theatre'),
  id: '6f1c1a52-94d4-4c51-9f0e-2f3b1f1f7a10',
  venueId: '0b8e4c4e-6d1f-4e43-8a39-5a4f7a1b2c3d',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const tierOf = new Uint8Array(map.seats.map((s) => (s.sectionId === 'MEZZ' || s.sectionId === 'BALC' ? 1 : 0)));
const prices = [
  { amount: 8900, currency: 'EUR' },
  { amount: 4900, currency: 'EUR' },
];
let root: Root | null = null;
let activated: number[] = [];

interface Mount {
  locale?: Locale;
  selected?: number[];
  statuses?: number[][];
  viewKey?: string;
  focusSeats?: number[];
}

async function mount(options: Mount = {}): Promise<void> {
  await activateLocale(options.locale ?? 'en', ['common', 'seatmap']);
  unmount();
  const statuses = new Uint8Array(map.seats.length);
  for (const [seat, status] of options.statuses ?? []) statuses[seat!] = status!;
  activated = [];
  const host = document.getElementById('map')!;
  root = createRoot(host);
  flushSync(() =>
    root!.render(
      <I18nProvider i18n={i18n}>
        <main>
          <h1>Pixel Theatre</h1>
          <SeatMapView
            map={map}
            tierOf={tierOf}
            statuses={statuses}
            selected={options.selected ?? []}
            tierColors={['#c62828', '#1565c0']}
            label="Seat map"
            onActivate={(seat) => activated.push(seat)}
            onFocus={() => {}}
            priceOf={(seat) => prices[tierOf[seat]!]!}
            {...(options.viewKey ? { viewKey: options.viewKey } : {})}
            {...(options.focusSeats ? { focusSeats: options.focusSeats } : {})}
          />
        </main>
      </I18nProvider>,
    ),
  );
}

function unmount(): void {
  flushSync(() => root?.unmount());
  root = null;
}

const engine = () =>
  (document.querySelector('canvas.seatmap') as unknown as { seatMapEngine: SeatMapEngine }).seatMapEngine;

/** Draws every pending tile now. */
function render(): void {
  while (engine().renderNow().pendingTiles > 0);
}

/** The canvas's pixels at a seat's centre offset by (dx, dy) seat radii, averaged over a small square. */
function sample(seat: number, dx = 0, dy = 0, half = 0): [number, number, number] {
  const e = engine();
  const canvas = document.querySelector('canvas.seatmap') as HTMLCanvasElement;
  const r = e.model.seatSpacing * 0.42 * e.viewport.state.scale * e.renderer.dpr;
  const [x, y] = e.viewport.toScreen(e.model.x[seat]!, e.model.y[seat]!);
  const px = Math.round(x * e.renderer.dpr + dx * r);
  const py = Math.round(y * e.renderer.dpr + dy * r);
  const size = half * 2 + 1;
  const data = canvas.getContext('2d')!.getImageData(px - half, py - half, size, size).data;
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
  const n = data.length / 4;
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/** The colour the overview shows at a seat of the section's front row, clear of the section's label in its middle. */
function sectionSample(id: string): [number, number, number] {
  const e = engine();
  const section = e.model.sections.findIndex((s) => s.id === id);
  let first = 0;
  while (e.model.section[first] !== section) first++;
  return sample(first + 3, 0, 0, 1);
}

const seatIndex = (id: string) => map.seats.findIndex((s) => s.id === id);
const plainSeat = (section: string) =>
  map.seats.findIndex(
    (s, i) =>
      s.sectionId === section &&
      !s.aisle &&
      !s.wheelchair &&
      !s.companion &&
      !s.restrictedView &&
      map.seats[i + 1]?.row === s.row &&
      !map.seats[i + 1]?.aisle,
  );

Object.assign(window, {
  mapTest: {
    mount,
    unmount,
    engine,
    render,
    sample,
    sectionSample,
    seatIndex,
    plainSeat,
    activated: () => activated,
    seats: map.seats,
  },
});
