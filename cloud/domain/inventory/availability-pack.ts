// The availability snapshot: 2 bits a seat in seat-map order, 4 seats a byte, lowest bits first.
import { SEAT_STATUS_CODES, type SeatStatus } from '../../contract/index.ts';

export const STATUS_CODE: Record<SeatStatus, number> = { available: 0, held: 1, sold: 2, unavailable: 3 };

export function packStatuses(codes: ArrayLike<number>): Uint8Array {
  const packed = new Uint8Array(Math.ceil(codes.length / 4));
  for (let i = 0; i < codes.length; i++) packed[i >> 2]! |= (codes[i]! & 3) << ((i & 3) * 2);
  return packed;
}

export function unpackStatuses(packed: Uint8Array, seatCount: number): Uint8Array {
  const codes = new Uint8Array(seatCount);
  for (let i = 0; i < seatCount; i++) codes[i] = (packed[i >> 2]! >> ((i & 3) * 2)) & 3;
  return codes;
}

export function statusOfCode(code: number): SeatStatus {
  return SEAT_STATUS_CODES[code & 3]!;
}
