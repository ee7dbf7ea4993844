// The role matrix's requests for the back office's reports (capability reports:read, checked per venue in
// services/reports): each asks about venue A or one of its events, so another venue's manager is refused.
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { MatrixContext, RouteFixture } from './role-matrix-fixtures.ts';

/** Today as a calendar date (from and to of a one-day report). */
const today = (ctx: MatrixContext) => ctx.now().toISOString().slice(0, 10);

export const REPORT_FIXTURES: Record<string, RouteFixture> = {
  getDashboard: {
    capability: 'reports:read',
    venue: 'A',
    request: async (ctx) => ({ path: `${apiPaths.adminDashboard()}?venueId=${ctx.venueA}` }),
  },
  getSalesReport: {
    capability: 'reports:read',
    venue: 'A',
    request: async (ctx) => ({
      path: `${apiPaths.salesReport()}?venueId=${ctx.venueA}&from=${today(ctx)}&to=${today(ctx)}&groupBy=day`,
    }),
  },
  getCheckInReport: {
    capability: 'reports:read',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.checkInReport(ctx.eventA) }),
  },
  listShiftReports: {
    capability: 'reports:read',
    venue: 'A',
    request: async (ctx) => ({
      path: `${apiPaths.shiftReports()}?venueId=${ctx.venueA}&from=${today(ctx)}&to=${today(ctx)}`,
    }),
  },
  // admin: exports. Asking for an export is checked like reading the report; the export, once made, is read under
  // /v1/exports by its maker or an admin only (test/integration/reports/exports.test.ts), outside this matrix.
  createExport: {
    capability: 'reports:read',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.adminExports(),
      body: { dataset: 'orders', format: 'csv', eventId: ctx.eventA },
    }),
  },
};
