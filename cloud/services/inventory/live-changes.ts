// Committed seat and standing-place changes as the live seat view publishes them; holds, sales and refunds all
// announce their changes through this one function.
import type { SeatChangeRow } from '../../db/inventory/seats.ts';
import type { LiveChanges } from '../../contract/index.ts';
import type { LiveBus } from '../ports.ts';

export type GaChange = { section_id: string; remaining: number };

export async function publishChanges(
  live: LiveBus,
  eventId: string,
  seats: SeatChangeRow[],
  ga: GaChange[],
): Promise<void> {
  if (seats.length === 0 && ga.length === 0) return;
  const message: LiveChanges = {
    type: 'changes',
    eventId,
    changes: seats.map((seat) => ({ seatId: seat.seat_id, status: seat.status, version: seat.version })),
    ...(ga.length > 0 ? { ga: ga.map((g) => ({ sectionId: g.section_id, remaining: g.remaining })) } : {}),
  };
  await live.publish(message);
}
