// What the account pages (forgot / reset password) need from the shell, written here rather than imported from
// sections.ts: sections.ts loads these pages, so importing it back would make an import cycle.
import type { AdminApi } from '../admin-api.ts';

/** The shell's sign-in page (sections.ts's SIGN_IN_PATH). */
export const SIGN_IN_PATH = '/admin/sign-in';

/** The part of sections.ts's AdminPublicScreenProps these pages use. */
export interface AccountScreenProps {
  api: AdminApi;
  query: URLSearchParams;
}
