// The back office's pieces without a browser: problem fields mapped onto a form's inputs, the section that owns a
// path, the audit log's search kept in the address, and an audit entry's change in words.
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../../../renderer/modes/admin/admin-api.ts';
import { problemFieldsOf } from '../../../../renderer/modes/admin/kit/use-problem-fields.ts';
import { sectionFor, type AdminSection } from '../../../../renderer/modes/admin/sections.ts';
import { addressQuery, apiQuery, filtersFrom } from '../../../../renderer/modes/admin/operations/audit-filters.ts';
import { changeLines, fieldLabel } from '../../../../renderer/modes/admin/operations/AuditChanges.tsx';

const problem = (errors: { field: string; message: string }[]) =>
  new ProblemError(400, { type: 'x/validation_failed', title: 'Invalid', status: 400, detail: 'bad', errors });

describe('problem fields on a form', () => {
  it("puts each named field's message beside its input, and what names no input on the form", () => {
    expect(
      problemFieldsOf(problem([{ field: 'email', message: 'not an email address' }]), ['email', 'password']),
    ).toEqual({ fields: { email: 'not an email address' }, rest: false });
    // A nested path ends in the input's name; a field the form does not have is the form's own error.
    expect(
      problemFieldsOf(
        problem([
          { field: 'buyer.email', message: 'taken' },
          { field: 'tiers.0.price', message: 'too high' },
        ]),
        ['email'],
      ),
    ).toEqual({ fields: { email: 'taken' }, rest: true });
    expect(problemFieldsOf(new Error('boom'), ['email'])).toEqual({ fields: {}, rest: true });
  });
});

describe('sections', () => {
  const load = async () => ({ default: () => null });
  const sections: AdminSection[] = [
    { id: 'events', path: '/admin/events', label: 'Events', capability: 'events:manage', load },
    { id: 'series', path: '/admin/events/series', label: 'Series', capability: 'events:manage', load },
  ];
  it('gives a path to the section with the longest path it lies under', () => {
    expect(sectionFor('/admin/events', sections)?.id).toBe('events');
    expect(sectionFor('/admin/events/abc/edit', sections)?.id).toBe('events');
    expect(sectionFor('/admin/events/series/1', sections)?.id).toBe('series');
    expect(sectionFor('/admin/eventsX', sections)).toBeUndefined();
    expect(sectionFor('/admin', sections)).toBeUndefined();
  });
});

describe("the audit log's search", () => {
  it('keeps the filled fields in the address and drops what is not a day', () => {
    const filters = filtersFrom(new URLSearchParams('q=refund&from=2027-03-01&to=yesterday&actor=sub-1'));
    expect(filters).toEqual({ q: 'refund', objectType: '', objectId: '', actor: 'sub-1', from: '2027-03-01', to: '' });
    expect(addressQuery(filters)).toBe('?q=refund&actor=sub-1&from=2027-03-01');
    expect(addressQuery(filtersFrom(new URLSearchParams()))).toBe('');
  });

  it('asks the API for whole days in the reader’s zone, the "to" day included', () => {
    const query = apiQuery(filtersFrom(new URLSearchParams('from=2027-03-01&to=2027-03-31')));
    expect(query.from).toBe(new Date(2027, 2, 1).toISOString());
    expect(query.to).toBe(new Date(2027, 3, 1).toISOString());
    expect(query.q).toBeUndefined();
  });
});

describe("an audit entry's change in words", () => {
  it('lists each changed field with what it was and is, money and lists readable, added and removed fields', () => {
    const lines = changeLines(
      {
        before: { status: 'draft', price: { amount: 4500, currency: 'EUR' }, note: 'old' },
        after: { status: 'on_sale', price: { amount: 5000, currency: 'EUR' }, seatIds: ['A-1', 'A-2'] },
      },
      'en-GB',
    );
    expect(lines).toEqual([
      { field: 'status', was: 'draft', is: 'on_sale' },
      { field: 'price', was: '€45.00', is: '€50.00' },
      { field: 'note', was: 'old', is: undefined },
      { field: 'seatIds', was: undefined, is: 'A-1, A-2' },
    ]);
    expect(changeLines({ before: null, after: null }, 'en-GB')).toEqual([]);
    expect(fieldLabel('onSaleFrom')).toBe('on sale from');
    expect(fieldLabel('seat_ids')).toBe('seat ids');
  });
});
