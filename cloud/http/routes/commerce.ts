// Commerce routes: an event's price list, fees and refund policy, a venue's tax, promo and presale codes (staff of
// the venue), and the quote of a hold (its owner). Bad settings are answered problem+json naming the field.
import { z } from 'zod';
import {
  CreatePresaleCode,
  CreatePromoCode,
  CreatedPresaleCode,
  EventCodes,
  FeeSettings,
  PriceList,
  PromoCode,
  Quote,
  QuoteRequest,
  RefundPolicy,
  SetPriceList,
  TaxSettings,
} from '../../contract/index.ts';
import { apiHeaderKeys, apiHeaders } from '../../contract/routes.ts';
import type { Capability } from '../../domain/staff-roles.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route, type ResponseSpec } from '../route.ts';

const EventParams = z.object({ eventId: z.uuid() });
const VenueParams = z.object({ venueId: z.uuid() });
const staffProblems = {
  401: problem('Not signed in'),
  403: problem('Not staff of this venue'),
  404: problem('No such event or venue'),
};
const noStore = { 'cache-control': 'no-store' };

/** A GET and a PUT of one setting of an event or venue, answered with the setting as stored. */
function settingRoutes<P, T>(spec: {
  get: Parameters<typeof endpoint>[0];
  put: Parameters<typeof endpoint>[0];
  what: string;
  params: z.ZodType<P>;
  body: z.ZodType<T>;
  schema: z.ZodType;
  invalid: string;
  /** What the use case asks of the caller: events:manage for an event's settings, venue:manage for a venue's. */
  capability: Capability;
  read: (principal: Parameters<Services['commerce']['settings']['fees']>[0], params: P) => Promise<unknown>;
  write: (principal: Parameters<Services['commerce']['settings']['fees']>[0], params: P, body: T) => Promise<unknown>;
}) {
  const ok: ResponseSpec = { description: `The ${spec.what}`, schema: spec.schema };
  return [
    route({
      ...endpoint(spec.get),
      summary: `The ${spec.what}`,
      tags: ['commerce'],
      params: spec.params,
      security: 'bearer',
      access: { capability: spec.capability },
      responses: { 200: ok, ...staffProblems },
      handler: async ({ params, principal, c }) => c.json(await spec.read(principal, params), 200, noStore),
    }),
    route({
      ...endpoint(spec.put),
      summary: `Replace the ${spec.what}`,
      tags: ['commerce'],
      params: spec.params,
      body: spec.body,
      bodyLimit: 64 * 1024,
      security: 'bearer',
      access: { capability: spec.capability },
      responses: { 200: ok, 400: problem(spec.invalid), ...staffProblems },
      handler: async ({ params, body, principal, c }) =>
        c.json(await spec.write(principal, params, body), 200, noStore),
    }),
  ];
}

export function commerceRoutes(services: Services) {
  const { settings, codes, quotes } = services.commerce;
  return [
    ...settingRoutes({
      get: 'getPriceList',
      put: 'setPriceList',
      what: "event's price list: ticket types, prices per tier and type, tiers sold only with a presale code",
      params: EventParams,
      body: SetPriceList,
      schema: PriceList,
      invalid: 'A negative price, an unknown tier or ticket type, not exactly one adult type',
      capability: 'events:manage',
      read: (principal, { eventId }) => settings.priceList(principal, eventId),
      write: (principal, { eventId }, body) => settings.setPriceList(principal, eventId, body),
    }),
    ...settingRoutes({
      get: 'getFees',
      put: 'setFees',
      what: "event's fees: per ticket, per order, per delivery method",
      params: EventParams,
      body: FeeSettings,
      schema: FeeSettings,
      invalid: 'A negative fee, a percentage over 100 %, another currency',
      capability: 'events:manage',
      read: (principal, { eventId }) => settings.fees(principal, eventId),
      write: (principal, { eventId }, body) => settings.setFees(principal, eventId, body),
    }),
    ...settingRoutes({
      get: 'getRefundPolicy',
      put: 'setRefundPolicy',
      what: "event's refund policy for buyers",
      params: EventParams,
      body: RefundPolicy,
      schema: RefundPolicy,
      invalid: 'Not a refund policy',
      capability: 'events:manage',
      read: (principal, { eventId }) => settings.refundPolicy(principal, eventId),
      write: (principal, { eventId }, body) => settings.setRefundPolicy(principal, eventId, body),
    }),
    ...settingRoutes({
      get: 'getVenueTax',
      put: 'setVenueTax',
      what: "venue's sales tax or VAT",
      params: VenueParams,
      body: TaxSettings,
      schema: TaxSettings,
      invalid: 'A tax rate below 0 or over 100 %',
      capability: 'venue:manage',
      read: (principal, { venueId }) => settings.venueTax(principal, venueId),
      write: (principal, { venueId }, body) => settings.setVenueTax(principal, venueId, body),
    }),
    route({
      ...endpoint('createPromoCode'),
      summary: 'Make a promo code for an event: percent or fixed, scoped to tiers or types, in a window, with limits',
      tags: ['commerce'],
      body: CreatePromoCode,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        201: { description: 'The code', schema: PromoCode },
        400: problem('A percentage over 100 %, the window ending before it starts, an unknown tier or type'),
        409: problem('The venue has a live code with this text'),
        ...staffProblems,
      },
      handler: async ({ body, principal, c }) => c.json(await codes.createPromo(principal, body), 201, noStore),
    }),
    route({
      ...endpoint('createPresaleCode'),
      summary: 'Make a presale code (one shared code, or a batch of single-use codes) unlocking tiers or early sales',
      tags: ['commerce'],
      body: CreatePresaleCode,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        201: { description: 'The presale code, with the codes to hand out', schema: CreatedPresaleCode },
        400: problem('The window ending before it starts, an unknown tier'),
        409: problem('The venue has a live code with this text'),
        ...staffProblems,
      },
      handler: async ({ body, principal, c }) => c.json(await codes.createPresale(principal, body), 201, noStore),
    }),
    route({
      ...endpoint('listEventCodes'),
      summary: "An event's live promo and presale codes, with their uses",
      tags: ['commerce'],
      params: EventParams,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 200: { description: 'The codes', schema: EventCodes }, ...staffProblems },
      handler: async ({ params, principal, c }) => c.json(await codes.list(principal, params.eventId), 200, noStore),
    }),
    route({
      ...endpoint('disableCode'),
      summary: 'Disable a code, or a batch of single-use codes by its id: no longer accepted',
      tags: ['commerce'],
      params: z.object({ codeId: z.uuid() }),
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 204: { description: 'Disabled' }, ...staffProblems },
      handler: async ({ params, principal, c }) => {
        await codes.disable(principal, params.codeId);
        return c.body(null, 204);
      },
    }),
    route({
      ...endpoint('quoteHold'),
      summary: 'Price a hold with ticket types, a promo code and a delivery method: the breakdown an order would have',
      tags: ['holds'],
      params: z.object({ holdId: z.uuid() }),
      body: QuoteRequest,
      bodyLimit: 16 * 1024,
      headers: [{ name: apiHeaders.holdToken, description: 'The token returned when the hold was created' }],
      security: 'bearer-optional',
      responses: {
        200: { description: 'The price breakdown', schema: Quote },
        400: problem('Invalid request, or a seat that is not in the hold'),
        403: problem('A tier sold only with a presale code'),
        404: problem('No such hold, or not yours'),
        422: problem('A ticket type not sold here or over its limit; an unknown, expired or other event’s code'),
      },
      handler: async ({ params, body, principal, c }) => {
        const token = c.req.header(apiHeaderKeys.holdToken);
        const access = { ...(token ? { token } : {}), ...(principal ? { principal } : {}) };
        return c.json(await quotes.quote(params.holdId, access, body), 200, noStore);
      },
    }),
  ];
}
