// What the events list can be filtered by (the search, then the filters behind the Filters button).
export interface Filters {
  search: string;
  from: string;
  to: string;
  venueId: string;
  maxPrice: string;
}

export const NO_FILTERS: Filters = { search: '', from: '', to: '', venueId: '', maxPrice: '' };

/** How many of the filters behind the button are set (shown on it). */
export const activeCount = (filters: Filters) =>
  [filters.from, filters.to, filters.venueId, filters.maxPrice].filter(Boolean).length;
