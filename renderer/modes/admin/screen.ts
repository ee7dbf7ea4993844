// What every back-office screen is given: the API, the signed-in staff member, where it is and how to go elsewhere.
// A section's module default-exports a component taking these props (sections.ts loads it lazily).
import type { ComponentType } from 'react';
import type { AdminApi } from './admin-api.ts';
import type { AdminSession } from './admin-session.ts';

export interface AdminScreenProps {
  api: AdminApi;
  session: AdminSession;
  /** The whole path, e.g. `/admin/operations/jobs`: a screen reads its own sub-paths from it. */
  path: string;
  /** The query string of the address (filters a screen keeps in the URL). */
  query: URLSearchParams;
  /** Goes to another address of the app without reloading (`replace` keeps the history entry). */
  navigate(to: string, options?: { replace?: boolean }): void;
}

export type AdminScreen = ComponentType<AdminScreenProps>;
