// The words of seat management: each kind of block as the organizer says it.
import type { BlockKind } from '../../../../cloud/contract/backoffice-orders.ts';

export const KIND_LABELS: Record<BlockKind, string> = {
  house: 'House seats',
  production: 'Production hold',
  kill: 'Killed (never sold)',
  block: 'Blocked',
};

export const KIND_ORDER: BlockKind[] = ['house', 'production', 'kill', 'block'];
