// The on-sale's parts wired together (issue 20): the waiting room a buyer goes through, the gate holds and orders of
// a queued event pass, and the organizer's settings, sharing one set of keys and one state cache.
import { QueueGate } from './queue-gate.ts';
import { WaitingRoom, type QueueDeps } from './queue-service.ts';
import { QueueSettingsAdmin } from './queue-settings.ts';

export interface OnSale {
  room: WaitingRoom;
  gate: QueueGate;
  settings: QueueSettingsAdmin;
}

export function createOnSale(deps: QueueDeps): OnSale {
  const room = new WaitingRoom(deps);
  return {
    room,
    gate: new QueueGate(deps.db, deps.clock, room.tokens),
    settings: new QueueSettingsAdmin(deps.db, deps.clock, room.states),
  };
}
