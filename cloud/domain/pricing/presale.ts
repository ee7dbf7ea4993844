// Presale access codes: a code (shared, or one of a bulk batch of single-use codes) that unlocks hidden tiers and/or
// opens sales before the public on-sale. Marking a single-use code used is the database's job.
import type { PresaleCode } from '../../contract/index.ts';
import type { SaleWindow } from '../inventory/hold-rules.ts';
import { codeValidityError } from './code-window.ts';
import { accepted, rejected, type Checked } from './errors.ts';

export type PresaleRule = Pick<PresaleCode, 'eventId' | 'unlocksTierIds' | 'validFrom' | 'validUntil'>;

/** What a presale code gives its holder: hidden tiers to buy from, and an earlier start of sales (or null). */
export interface PresaleAccess {
  unlockedTierIds: string[];
  salesOpenFrom: Date | null;
}

/** No code: no hidden tiers, the public sale window. */
export const NO_PRESALE: PresaleAccess = { unlockedTierIds: [], salesOpenFrom: null };

/**
 * Checks a presale code looked up by its key (undefined or null: none was found) for an event at `now`. Errors:
 * `code_unknown`, `code_other_event`, `code_not_yet_valid` (before its validFrom, the early on-sale), `code_expired`.
 */
export function checkPresaleCode(
  presale: PresaleRule | null | undefined,
  eventId: string,
  now: Date,
): Checked<PresaleAccess> {
  const invalid = codeValidityError(presale, eventId, now);
  if (invalid || !presale) return rejected([invalid!]);
  return accepted({
    unlockedTierIds: [...presale.unlocksTierIds],
    salesOpenFrom: presale.validFrom === null ? null : new Date(presale.validFrom),
  });
}

/** The sale window a code's holder sees: it opens at the earlier of the public on-sale and the code's early start;
 * it closes when the public sale does. Pass the result to assertOnSale (inventory/hold-rules.ts). */
export function saleWindowWith<W extends Pick<SaleWindow, 'onSaleFrom'>>(window: W, access: PresaleAccess): W {
  if (!access.salesOpenFrom || access.salesOpenFrom >= window.onSaleFrom) return window;
  return { ...window, onSaleFrom: access.salesOpenFrom };
}
