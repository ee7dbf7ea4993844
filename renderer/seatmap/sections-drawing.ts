// The sections as the overview shows them: each filled with its tier's colour (the legend's colours are visible at
// the whole-stadium view), as strongly as it has seats free (a sold-out section is faint), and named with a label
// while the seats are too small to read, over a halo so it stays legible on any tier colour.
import type { SeatMapModel } from './model.ts';
import { overviewAlpha, type Palette } from './palette.ts';
import type { Canvas2D } from './seat-drawing.ts';
import type { Viewport } from './viewport.ts';

/** Section labels are drawn until seats are this many CSS pixels apart (then rows carry their own labels). */
export const SECTION_LABEL_MAX_SEAT_PX = 14;
const LABEL_CSS_PX = 12;

/** Label widths by size and name: measured once, not on every frame of a pan. */
const widths = new Map<string, number>();
function textWidth(ctx: Canvas2D, text: string, size: number): number {
  const key = `${size}|${text}`;
  let width = widths.get(key);
  if (width === undefined) widths.set(key, (width = ctx.measureText(text).width));
  return width;
}

/** Per section: the tier most of its seats have (or -1 without seats), and where its label goes (map units). */
export interface SectionFacts {
  tier: Int16Array;
  labelX: Float32Array;
  labelY: Float32Array;
}

export function sectionFacts(model: SeatMapModel): SectionFacts {
  const sections = model.sections.length;
  const tierCount = 256;
  const counts = new Uint32Array(sections * tierCount);
  const sumX = new Float64Array(sections);
  const sumY = new Float64Array(sections);
  for (let seat = 0; seat < model.seatCount; seat++) {
    const section = model.section[seat]!;
    counts[section * tierCount + model.tier[seat]!]!++;
    sumX[section]! += model.x[seat]!;
    sumY[section]! += model.y[seat]!;
  }
  const facts: SectionFacts = {
    tier: new Int16Array(sections).fill(-1),
    labelX: new Float32Array(sections),
    labelY: new Float32Array(sections),
  };
  model.sections.forEach((shape, section) => {
    let best = 0;
    for (let tier = 0; tier < tierCount; tier++) {
      const count = counts[section * tierCount + tier]!;
      if (count > best) {
        best = count;
        facts.tier[section] = tier;
      }
    }
    const seats = model.sectionSeats[section]!;
    // The middle of its seats (inside even a curved block); a standing area's: the middle of its outline.
    facts.labelX[section] = seats > 0 ? sumX[section]! / seats : (shape.bounds.minX + shape.bounds.maxX) / 2;
    facts.labelY[section] = seats > 0 ? sumY[section]! / seats : (shape.bounds.minY + shape.bounds.maxY) / 2;
  });
  return facts;
}

/** Fills and outlines the visible sections; ctx is transformed to map units at `scale` device pixels per unit. */
export function drawSections(
  ctx: Canvas2D,
  model: SeatMapModel,
  palette: Palette,
  facts: SectionFacts,
  view: { minX: number; minY: number; maxX: number; maxY: number },
  scale: number,
  seatLevel: boolean,
): void {
  ctx.lineWidth = 1 / scale;
  ctx.strokeStyle = palette.sectionOutline;
  model.sections.forEach((section, index) => {
    const b = section.bounds;
    if (b.maxX < view.minX || b.minX > view.maxX || b.maxY < view.minY || b.minY > view.maxY) return;
    ctx.beginPath();
    const [first, ...rest] = section.polygon;
    ctx.moveTo(first![0], first![1]);
    for (const [x, y] of rest) ctx.lineTo(x, y);
    ctx.closePath();
    if (seatLevel && section.kind === 'seated') {
      ctx.fillStyle = palette.sectionUnderlay;
      ctx.fill();
    } else {
      const total = model.sectionSeats[index]!;
      const share = section.kind === 'ga' ? 1 : total === 0 ? 0 : model.sectionFree[index]! / total;
      const tier = facts.tier[index]!;
      ctx.fillStyle = tier >= 0 ? palette.tiers[tier % palette.tiers.length]! : palette.sectionFallback;
      ctx.globalAlpha = overviewAlpha(share);
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.stroke();
  });
}

/**
 * Names the visible sections that have room for their name, in screen space (ctx with the identity transform), at
 * the overview and at mid zoom; none once the seats are large enough for row labels.
 */
export function drawSectionLabels(
  ctx: Canvas2D,
  model: SeatMapModel,
  palette: Palette,
  facts: SectionFacts,
  viewport: Viewport,
  dpr: number,
): void {
  if (model.seatSpacing * viewport.state.scale >= SECTION_LABEL_MAX_SEAT_PX) return;
  const size = LABEL_CSS_PX * dpr;
  ctx.font = `600 ${size}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3 * dpr;
  ctx.strokeStyle = palette.labelHalo;
  ctx.fillStyle = palette.label;
  const { scale } = viewport.state;
  model.sections.forEach((section, index) => {
    const b = section.bounds;
    const width = (b.maxX - b.minX) * scale * dpr;
    const height = (b.maxY - b.minY) * scale * dpr;
    if (height < size) return;
    const [sx, sy] = viewport.toScreen(facts.labelX[index]!, facts.labelY[index]!);
    if (sx < 0 || sy < 0 || sx > viewport.width || sy > viewport.height) return;
    if (textWidth(ctx, section.name, size) + 4 * dpr > width) return;
    ctx.strokeText(section.name, sx * dpr, sy * dpr);
    ctx.fillText(section.name, sx * dpr, sy * dpr);
  });
}
