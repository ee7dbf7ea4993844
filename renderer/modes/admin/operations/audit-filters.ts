// The audit log's search as the address keeps it (so a search can be bookmarked, shared and survives a reload): the
// form's fields ⇄ the URL's query ⇄ the API's query. Dates are whole days in the reader's own time zone; "to" is
// inclusive on screen and exclusive (the next midnight) in the API.

export interface AuditFilters {
  q: string;
  objectType: string;
  objectId: string;
  actor: string;
  /** yyyy-mm-dd, or '' */
  from: string;
  to: string;
}

export const FILTER_NAMES = ['q', 'objectType', 'objectId', 'actor', 'from', 'to'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFrom(query: URLSearchParams): AuditFilters {
  const value = (name: (typeof FILTER_NAMES)[number]) => query.get(name)?.trim() ?? '';
  return {
    q: value('q'),
    objectType: value('objectType'),
    objectId: value('objectId'),
    actor: value('actor'),
    from: DAY.test(value('from')) ? value('from') : '',
    to: DAY.test(value('to')) ? value('to') : '',
  };
}

/** The query string of the screen's address for these filters (empty fields left out). */
export function addressQuery(filters: AuditFilters): string {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name]) query.set(name, filters[name]);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Local midnight of a yyyy-mm-dd day, `plusDays` later, as an ISO instant. */
function localMidnight(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays).toISOString();
}

/** The API's query (searchAuditLog) for these filters. */
export function apiQuery(filters: AuditFilters): Record<string, string | undefined> {
  return {
    q: filters.q || undefined,
    objectType: filters.objectType || undefined,
    objectId: filters.objectId || undefined,
    actor: filters.actor || undefined,
    from: filters.from ? localMidnight(filters.from) : undefined,
    to: filters.to ? localMidnight(filters.to, 1) : undefined,
  };
}
