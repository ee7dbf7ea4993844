// The price tiers a form edits (a new event's, a draft's): the rows of names and prices, the tier of each section,
// the names of their inputs, and the tiers as the API takes them once every price is one. Written once for both forms.
import { useMemo, useState } from 'react';
import type { SeatMap } from '../../../../cloud/contract/index.ts';
import { toMinorUnits } from './form-values.ts';
import type { TierRow } from './TierFields.tsx';

export interface TierRowsStart {
  tiers: TierRow[];
  sectionTier: Record<string, number>;
}

export function useTierRows(map: SeatMap, start: () => TierRowsStart) {
  const [first] = useState(start);
  const [tiers, setTiers] = useState<TierRow[]>(first.tiers);
  const [sectionTier, setSectionTier] = useState<Record<string, number>>(first.sectionTier);
  /** The inputs' names, as the API names their problems. */
  const names = useMemo(() => ['tiers', ...tiers.flatMap((_, i) => [`tiers.${i}.name`, `tiers.${i}.price`])], [tiers]);

  /**
   * The tiers for the request body, each section at its tier; null after `mark`ing every price that is not one in
   * `currency`. `seatIdsOf` gives the seats picked out one by one for a tier (a draft keeps its own).
   */
  const toBody = (
    currency: string,
    mark: (name: string, message: string) => void,
    seatIdsOf: (index: number) => string[] = () => [],
  ) => {
    const prices = tiers.map((tier, index) => {
      const amount = toMinorUnits(tier.price, currency);
      if (amount === null) mark(`tiers.${index}.price`, `a price in ${currency}, e.g. 45.00`);
      return amount;
    });
    if (prices.some((amount) => amount === null)) return null;
    return tiers.map((tier, index) => ({
      name: tier.name,
      price: { amount: prices[index]!, currency },
      sectionIds: map.sections.filter((section) => (sectionTier[section.id] ?? 0) === index).map((s) => s.id),
      seatIds: seatIdsOf(index),
    }));
  };

  return { fields: { map, tiers, setTiers, sectionTier, setSectionTier }, names, toBody };
}
