// What a ticket's wallet pass says (issue 19): the Apple Wallet pass.json of an event ticket and the Google Wallet
// event ticket class and object, from the ticket as it prints (printable.ts: words in the order's language, dates in
// the venue's zone) and the ticket's state. Pure data; signing and sending are in services/passes.
import { DEFAULT_BRAND_COLOR } from '../brand/brand-color.ts';
import type { PrintableTicket } from '../documents/printable.ts';
import { documentWords } from '../i18n/index.ts';

/** The ticket's state as a pass shows it: a pass of a ticket no longer valid is voided (Apple) or inactive (Google). */
export type PassTicketState = 'valid' | 'used' | 'refunded' | 'void' | 'transferred';

export interface PassTicket {
  /** The ticket's words as printed (its `code` is the static code the QR holds). */
  printable: PrintableTicket;
  state: PassTicketState;
  /** UTC instants: the start (the pass's relevant date) and the doors. */
  startsAt: string;
  doorsAt: string | null;
  venueName: string;
  venueAddress: string | null;
}

export interface ApplePassIdentity {
  passTypeId: string;
  teamId: string;
  organizationName: string;
  /** The Apple web service's base address (the device appends /v1/devices/…). */
  webServiceUrl: string;
  /** The pass's own secret for the web service (derived from the ticket id; at least 16 characters). */
  authenticationToken: string;
}

const hex = (colour: string) => colour.replace('#', '');
/** Apple wants `rgb(r, g, b)`. */
export function appleColour(colour: string): string {
  const value = hex(colour);
  const [r, g, b] = [0, 2, 4].map((at) => Number.parseInt(value.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

const stillValid = (state: PassTicketState) => state === 'valid' || state === 'used';

/** The pass.json of an event ticket (Apple's Pass keys); its serial number is the ticket id. */
export function applePassJson(ticket: PassTicket, identity: ApplePassIdentity): Record<string, unknown> {
  const { printable } = ticket;
  const t = documentWords(printable.locale);
  const colour = printable.brandColor ?? DEFAULT_BRAND_COLOR;
  const field = (key: string, label: string, value: string) => ({ key, label, value });
  return {
    formatVersion: 1,
    passTypeIdentifier: identity.passTypeId,
    teamIdentifier: identity.teamId,
    organizationName: identity.organizationName,
    serialNumber: printable.ticketId,
    description: t('documents.passes.description', { event: printable.eventName }),
    logoText: ticket.venueName,
    backgroundColor: appleColour(colour),
    // The venue's colour is checked to carry white text at 4.5:1 (brand-color.ts).
    foregroundColor: 'rgb(255, 255, 255)',
    labelColor: 'rgb(255, 255, 255)',
    relevantDate: ticket.startsAt,
    webServiceURL: identity.webServiceUrl,
    authenticationToken: identity.authenticationToken,
    // A ticket given back, void or moved to someone else: Wallet greys it out and hides the code.
    ...(stillValid(ticket.state) ? {} : { voided: true }),
    ...(stillValid(ticket.state)
      ? {
          barcodes: [
            {
              format: 'PKBarcodeFormatQR',
              message: printable.code,
              messageEncoding: 'iso-8859-1',
              altText: printable.orderCode,
            },
          ],
        }
      : {}),
    eventTicket: {
      primaryFields: [field('event', t('documents.passes.label.event'), printable.eventName)],
      secondaryFields: [
        field('when', t('documents.passes.label.when'), printable.when),
        field('venue', t('documents.passes.label.venue'), printable.venue),
      ],
      auxiliaryFields: [
        field('place', t('documents.passes.label.place'), printable.place),
        ...(printable.doors ? [field('doors', t('documents.passes.label.doors'), printable.doors)] : []),
      ],
      backFields: [
        field('holder', t('documents.passes.label.holder'), printable.holder),
        field('order', t('documents.passes.label.order'), printable.orderCode),
        ...(printable.requiresCheck
          ? [field('check', t('documents.passes.label.check'), printable.requiresCheck)]
          : []),
        ...(stillValid(ticket.state)
          ? []
          : [field('state', t('documents.passes.label.state'), t('documents.passes.state.invalid'))]),
      ],
    },
  };
}

export interface GoogleWalletIdentity {
  issuerId: string;
  issuerName: string;
}

/** Google's ids are `<issuer id>.<suffix>`, the suffix of letters, digits, '.', '_' or '-'. */
export const googleClassId = (identity: GoogleWalletIdentity, eventId: string) =>
  `${identity.issuerId}.event-${eventId}`;
export const googleObjectId = (identity: GoogleWalletIdentity, ticketId: string) =>
  `${identity.issuerId}.ticket-${ticketId}`;

const localized = (value: string, language: string) => ({ defaultValue: { language, value } });

/** The event ticket class: one per event (name, venue, date and doors, the venue's colour). */
export function googleEventTicketClass(
  ticket: PassTicket,
  eventId: string,
  identity: GoogleWalletIdentity,
  logoUri: string | null,
): Record<string, unknown> {
  const { printable } = ticket;
  const language = printable.locale;
  return {
    id: googleClassId(identity, eventId),
    issuerName: identity.issuerName,
    reviewStatus: 'UNDER_REVIEW',
    eventName: localized(printable.eventName, language),
    venue: {
      name: localized(ticket.venueName, language),
      address: localized(ticket.venueAddress ?? printable.venue, language),
    },
    dateTime: { start: ticket.startsAt, ...(ticket.doorsAt ? { doorsOpen: ticket.doorsAt } : {}) },
    hexBackgroundColor: printable.brandColor ?? DEFAULT_BRAND_COLOR,
    ...(logoUri ? { logo: { sourceUri: { uri: logoUri } } } : {}),
  };
}

/** The ticket's object: its seat, holder and QR; inactive once the ticket is no longer valid. */
export function googleEventTicketObject(
  ticket: PassTicket,
  eventId: string,
  identity: GoogleWalletIdentity,
): Record<string, unknown> {
  const { printable } = ticket;
  return {
    id: googleObjectId(identity, printable.ticketId),
    classId: googleClassId(identity, eventId),
    state: stillValid(ticket.state) ? 'ACTIVE' : 'INACTIVE',
    ticketHolderName: printable.holder,
    ticketNumber: printable.orderCode,
    seatInfo: { seat: localized(printable.place, printable.locale) },
    barcode: { type: 'QR_CODE', value: printable.code, alternateText: printable.orderCode },
    hexBackgroundColor: printable.brandColor ?? DEFAULT_BRAND_COLOR,
  };
}

/** The patch a change sends to an object Google already holds: its state. */
export function googleObjectPatch(ticket: PassTicket): Record<string, unknown> {
  return { state: stillValid(ticket.state) ? 'ACTIVE' : 'INACTIVE' };
}

/** The patch of the event's class: its date and doors as they are now (a postponement moves them). */
export function googleClassPatch(ticket: PassTicket): Record<string, unknown> {
  return { dateTime: { start: ticket.startsAt, ...(ticket.doorsAt ? { doorsOpen: ticket.doorsAt } : {}) } };
}
