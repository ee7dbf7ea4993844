// Finding seats on the shop's canvas from a browser test, through the engine the canvas exposes (seatMapEngine).
import type { Page } from 'playwright-core';

export interface SeatMapHandle {
  seatMapEngine: {
    model: { indexById: Map<string, number>; x: Float32Array; y: Float32Array; status: Uint8Array };
    viewport: { toScreen(x: number, y: number): [number, number]; state: { scale: number } };
    renderer: { focused: number };
    fit(): void;
  };
}

/** Where a seat is on the canvas now, in CSS pixels relative to the canvas. */
export async function seatPoint(page: Page, seatId: string): Promise<{ x: number; y: number }> {
  const [x, y] = await page.locator('canvas.seatmap').evaluate((canvas, id) => {
    const engine = (canvas as unknown as SeatMapHandle).seatMapEngine;
    const seat = engine.model.indexById.get(id)!;
    return engine.viewport.toScreen(engine.model.x[seat]!, engine.model.y[seat]!);
  }, seatId);
  return { x, y };
}

/** Clicks a seat on the canvas. */
export async function clickSeat(page: Page, seatId: string): Promise<void> {
  const canvas = page.locator('canvas.seatmap');
  let point = await seatPoint(page, seatId);
  const box = (await canvas.boundingBox())!;
  // The map may open where the buyer left it (the camera is kept per event): show it whole when the seat is not in view.
  if (point.x < 8 || point.y < 8 || point.x > box.width - 8 || point.y > box.height - 8) {
    await canvas.evaluate((element) => (element as unknown as SeatMapHandle).seatMapEngine.fit());
    point = await seatPoint(page, seatId);
  }
  await canvas.click({ position: point });
}

/** The seat's status code on the map as the page shows it (0 available, 1 held, 2 sold, 3 not for sale). */
export async function statusOf(page: Page, seatId: string): Promise<number> {
  return page.locator('canvas.seatmap').evaluate((canvas, id) => {
    const engine = (canvas as unknown as SeatMapHandle).seatMapEngine;
    return engine.model.status[engine.model.indexById.get(id)!]!;
  }, seatId);
}
