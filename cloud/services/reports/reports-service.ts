// The back office's reports as one object the routes call: the dashboard, sales, check-ins and shift reports (exports
// are jobs: export-jobs.ts), each checking `reports:read` on the venues it reads.
import type { DashboardQuery, SalesReportQuery, ShiftListQuery } from '../../contract/index.ts';
import type { Db } from '../../db/port.ts';
import type { Clock, Principal } from '../ports.ts';
import { readDashboard } from './dashboard.ts';
import { checkInReport, salesReport, shiftList } from './sales-reports.ts';

export class Reports {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  dashboard(principal: Principal | undefined, query: DashboardQuery) {
    return readDashboard(this.db, principal, query, this.clock.now());
  }

  sales(principal: Principal | undefined, query: SalesReportQuery) {
    return salesReport(this.db, principal, query);
  }

  checkIns(principal: Principal | undefined, eventId: string) {
    return checkInReport(this.db, principal, eventId);
  }

  shifts(principal: Principal | undefined, query: ShiftListQuery) {
    return shiftList(this.db, principal, query);
  }
}
