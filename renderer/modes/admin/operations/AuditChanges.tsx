// An entry's before and after as a person reads them: one line per changed field, what it was and what it is now
// (added and removed fields say so), values in words rather than JSON where their shape is known (money, dates).
import type { AuditEntry } from '../../../../cloud/contract/index.ts';
import { formatMoney } from '../../../ui/format.ts';

const isMoney = (value: unknown): value is { amount: number; currency: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { amount?: unknown }).amount === 'number' &&
  typeof (value as { currency?: unknown }).currency === 'string' &&
  Object.keys(value).length === 2;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function readable(value: unknown, locale = navigator.language): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
      return new Date(value).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return value === '' ? '(empty)' : value;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return value.toLocaleString(locale);
  if (isMoney(value)) return formatMoney(value, locale);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number'))
    return value.length === 0 ? '(none)' : value.join(', ');
  return JSON.stringify(value);
}

/** Field name in words: `onSaleFrom` → "on sale from", `seat_ids` → "seat ids". */
export const fieldLabel = (field: string): string =>
  field
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();

export function changeLines(entry: Pick<AuditEntry, 'before' | 'after'>, locale = navigator.language) {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => ({
    field,
    was: field in before ? readable(before[field], locale) : undefined,
    is: field in after ? readable(after[field], locale) : undefined,
  }));
}

export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const lines = changeLines(entry);
  if (lines.length === 0) return <span className="admin-muted">No field changes recorded</span>;
  return (
    <dl className="admin-diff">
      {lines.map(({ field, was, is }) => (
        <div key={field} className="admin-diff-line">
          <dt>{fieldLabel(field)}</dt>
          <dd>
            {was !== undefined && (
              <del>
                <span className="visually-hidden">was </span>
                {was}
              </del>
            )}
            {was !== undefined && is !== undefined && <span aria-hidden="true"> → </span>}
            {is !== undefined && (
              <ins>
                <span className="visually-hidden">{was !== undefined ? 'now ' : 'set to '}</span>
                {is}
              </ins>
            )}
            {is === undefined && <span className="admin-muted"> (removed)</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
