// The availability snapshot: 2 bits a seat in seat-map order, 4 seats a byte, lowest bits first; the codes are
// the indexes of SEAT_STATUS_CODES in cloud/contract.

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
