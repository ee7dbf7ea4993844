// Admin routes of the back office's reports (capability reports:read, checked per venue in services/reports): the
// dashboard, sales by day/tier/channel/seller, an event's check-ins and box-office shift reports (exports are jobs:
// admin-exports.ts).
import { z } from 'zod';
import {
  CheckInReport,
  Dashboard,
  DashboardQuery,
  SalesReport,
  SalesReportQuery,
  ShiftList,
  ShiftListQuery,
} from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route } from '../route.ts';

const denied = {
  401: problem('Not signed in'),
  403: problem('The role may not read reports'),
  404: problem("No such venue or event, or another venue's"),
};
const invalid = { 400: problem('A query parameter is not valid: `field` names it') };
// Figures change with every sale: never kept by a cache.
const fresh = { 'cache-control': 'no-store' };

export function adminReportRoutes(services: Services) {
  return [
    route({
      ...endpoint('getDashboard'),
      summary: "Today's and the season's sales, sell-through per event, sales over time, entries per gate, failed jobs",
      tags: ['admin', 'reports'],
      query: DashboardQuery,
      security: 'bearer',
      access: { capability: 'reports:read' },
      responses: { 200: { description: 'The dashboard', schema: Dashboard }, ...invalid, ...denied },
      handler: async ({ query, principal, c }) =>
        c.json(await services.reports.dashboard(principal, query), 200, fresh),
    }),
    route({
      ...endpoint('getSalesReport'),
      summary: "A venue's sales by day, tier, channel or seller, over days of the venue's calendar",
      tags: ['admin', 'reports'],
      query: SalesReportQuery,
      security: 'bearer',
      access: { capability: 'reports:read' },
      responses: { 200: { description: 'The report', schema: SalesReport }, ...invalid, ...denied },
      handler: async ({ query, principal, c }) => c.json(await services.reports.sales(principal, query), 200, fresh),
    }),
    route({
      ...endpoint('getCheckInReport'),
      summary: "An event's door check-ins per gate and per hour",
      tags: ['admin', 'reports'],
      params: z.object({ eventId: z.uuid() }),
      security: 'bearer',
      access: { capability: 'reports:read' },
      responses: { 200: { description: 'The check-ins', schema: CheckInReport }, ...invalid, ...denied },
      handler: async ({ params, principal, c }) =>
        c.json(await services.reports.checkIns(principal, params.eventId), 200, fresh),
    }),
    route({
      ...endpoint('listShiftReports'),
      summary: 'The shift reports of every box office of a venue, per seller and day (at most 31 days)',
      tags: ['admin', 'reports'],
      query: ShiftListQuery,
      security: 'bearer',
      access: { capability: 'reports:read' },
      responses: { 200: { description: 'The shifts', schema: ShiftList }, ...invalid, ...denied },
      handler: async ({ query, principal, c }) => c.json(await services.reports.shifts(principal, query), 200, fresh),
    }),
  ];
}
