// An Apple Wallet pass file as Wallet reads it: a zip whose manifest lists every file's SHA-1, signed (detached
// PKCS#7) by the pass certificate, with an event ticket's pass.json: the static code as QR, the venue's colour, the
// web service, and the seat and date in the order's language.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signApplePass } from '../../../../cloud/services/passes/apple-pass-file.ts';
import { applePassJson, type PassTicket } from '../../../../cloud/domain/tickets/passes.ts';
import { makeTestPassChain, unzip, verifyDetachedSignature, type TestPassChain } from '../../../support/passes.ts';

const ticket = (overrides: Partial<PassTicket> = {}): PassTicket => ({
  printable: {
    ticketId: '5f0c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
    eventName: 'Hamlet',
    when: 'Sat 12 Dec 2026, 19:30',
    venue: 'Globe, London',
    place: 'Stalls · Row C · Seat 12',
    tier: 'A',
    ticketType: null,
    requiresCheck: null,
    price: '£40.00',
    holder: 'Ada Lovelace',
    orderCode: 'TB-7K2Q',
    code: 'v2.static-code-for-the-qr',
    doors: '18:45',
    brandColor: '#7a1f5c',
    locale: 'en',
  },
  state: 'valid',
  startsAt: '2026-12-12T19:30:00.000Z',
  doorsAt: '2026-12-12T18:45:00.000Z',
  venueName: 'Globe',
  venueAddress: '21 New Globe Walk, London',
  ...overrides,
});

const identity = (chain: TestPassChain) => ({
  passTypeId: chain.config.passTypeId,
  teamId: chain.config.teamId,
  organizationName: 'TicketBoss',
  webServiceUrl: 'https://tickets.example.com/v1/passes/apple',
  authenticationToken: 'a-token-of-at-least-sixteen-characters',
});

describe('Apple Wallet pass file', () => {
  let chain: TestPassChain;
  beforeAll(() => {
    chain = makeTestPassChain();
  });

  it('is a zip whose manifest hashes every file and whose signature verifies with the pass certificate', () => {
    const file = signApplePass(applePassJson(ticket(), identity(chain)), chain.config, {
      colour: '#7a1f5c',
      logo: null,
    });
    const files = unzip(file);
    expect([...files.keys()].sort()).toEqual(
      ['icon.png', 'icon@2x.png', 'icon@3x.png', 'manifest.json', 'pass.json', 'signature'].sort(),
    );
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, string>;
    const hashed = [...files.keys()].filter((name) => name !== 'manifest.json' && name !== 'signature');
    expect(Object.keys(manifest).sort()).toEqual(hashed.sort());
    for (const name of hashed) {
      expect(manifest[name], name).toBe(createHash('sha1').update(files.get(name)!).digest('hex'));
    }
    const signer = verifyDetachedSignature(files.get('signature')!, files.get('manifest.json')!, chain.caPem);
    expect(signer.subject).toContain(chain.config.passTypeId);
  });

  it('refuses a manifest changed after signing', () => {
    const files = unzip(
      signApplePass(applePassJson(ticket(), identity(chain)), chain.config, { colour: '#7a1f5c', logo: null }),
    );
    const tampered = Buffer.from(
      files
        .get('manifest.json')!
        .toString('utf8')
        .replace(/"[0-9a-f]{40}"/, `"${'0'.repeat(40)}"`),
    );
    expect(() => verifyDetachedSignature(files.get('signature')!, tampered, chain.caPem)).toThrow(/digest/);
  });

  it("carries the event ticket: the static code as QR, the seat, date, doors, the venue's colour and the web service", () => {
    const files = unzip(
      signApplePass(applePassJson(ticket(), identity(chain)), chain.config, { colour: '#7a1f5c', logo: null }),
    );
    const pass = JSON.parse(files.get('pass.json')!.toString('utf8'));
    expect(pass).toMatchObject({
      passTypeIdentifier: chain.config.passTypeId,
      teamIdentifier: 'TEAM123456',
      serialNumber: '5f0c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
      backgroundColor: 'rgb(122, 31, 92)',
      relevantDate: '2026-12-12T19:30:00.000Z',
      webServiceURL: 'https://tickets.example.com/v1/passes/apple',
      authenticationToken: 'a-token-of-at-least-sixteen-characters',
      barcodes: [expect.objectContaining({ format: 'PKBarcodeFormatQR', message: 'v2.static-code-for-the-qr' })],
    });
    expect(pass.voided).toBeUndefined();
    const fields = [
      ...pass.eventTicket.primaryFields,
      ...pass.eventTicket.secondaryFields,
      ...pass.eventTicket.auxiliaryFields,
    ];
    expect(fields.map((field: { value: string }) => field.value)).toEqual([
      'Hamlet',
      'Sat 12 Dec 2026, 19:30',
      'Globe, London',
      'Stalls · Row C · Seat 12',
      '18:45',
    ]);
  });

  it("words its labels in the order's language, and a ticket no longer valid is voided without a code", () => {
    const german = ticket({ state: 'refunded', printable: { ...ticket().printable, locale: 'de' } });
    const pass = applePassJson(german, identity(chain)) as {
      voided?: boolean;
      barcodes?: unknown;
      eventTicket: { primaryFields: { label: string }[] };
    };
    expect(pass.eventTicket.primaryFields[0]!.label).toBe('Veranstaltung');
    expect(pass.voided).toBe(true);
    expect(pass.barcodes).toBeUndefined();
  });
});
