// Wires the use cases to a database, a live bus and a clock: one object the HTTP app, Lambdas and jobs share.
import type { Db } from '../db/port.ts';
import { AdminService } from './admin/admin-service.ts';
import { CatalogService } from './catalog/catalog-service.ts';
import { EventContexts } from './catalog/event-context.ts';
import { HoldService } from './inventory/hold-service.ts';
import { systemClock, type Clock, type LiveBus } from './ports.ts';

export interface Services {
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  holds: HoldService;
  admin: AdminService;
}

export function createServices(deps: { db: Db; live: LiveBus; clock?: Clock }): Services {
  const clock = deps.clock ?? systemClock;
  const contexts = new EventContexts(deps.db);
  return {
    db: deps.db,
    clock,
    catalog: new CatalogService(deps.db, contexts, clock),
    holds: new HoldService(deps.db, contexts, deps.live, clock),
    admin: new AdminService(deps.db),
  };
}
