// Ports the services need from the outside world; adapters in cloud/adapters implement them.
import type { LiveChanges } from '../contract/index.ts';

/** Pushes committed seat changes to whoever watches the event (ws locally, API Gateway WebSocket in AWS). */
export interface LiveBus {
  publish(message: LiveChanges): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A caller as the HTTP layer has authenticated it. */
export interface Principal {
  sub: string;
  email?: string;
  groups: string[];
}
