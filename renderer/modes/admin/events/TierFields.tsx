// A new event's price tiers: each tier's name and price, and the tier every section of the seat map is sold at.
import type { SeatMap } from '../../../../cloud/contract/index.ts';
import { FormField } from '../kit/FormField.tsx';

export interface TierRow {
  name: string;
  price: string;
}

export function TierFields({
  map,
  currency,
  tiers,
  setTiers,
  sectionTier,
  setSectionTier,
  errors,
}: {
  map: SeatMap;
  currency: string;
  tiers: TierRow[];
  setTiers: (tiers: TierRow[]) => void;
  sectionTier: Record<string, number>;
  setSectionTier: (sectionTier: Record<string, number>) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <fieldset className="admin-fieldset">
        <legend>Price tiers</legend>
        {tiers.map((tier, index) => (
          <div className="admin-tier-row" key={index}>
            <FormField
              label={`Tier ${index + 1} name`}
              name={`tiers.${index}.name`}
              error={errors[`tiers.${index}.name`]}
            >
              {(props) => (
                <input
                  {...props}
                  value={tier.name}
                  onChange={(e) => setTiers(tiers.map((t, i) => (i === index ? { ...t, name: e.target.value } : t)))}
                />
              )}
            </FormField>
            <FormField
              label={`Tier ${index + 1} price (${currency})`}
              name={`tiers.${index}.price`}
              error={errors[`tiers.${index}.price`]}
            >
              {(props) => (
                <input
                  {...props}
                  inputMode="decimal"
                  value={tier.price}
                  onChange={(e) => setTiers(tiers.map((t, i) => (i === index ? { ...t, price: e.target.value } : t)))}
                />
              )}
            </FormField>
          </div>
        ))}
        <button
          type="button"
          onClick={() => setTiers([...tiers, { name: `Tier ${tiers.length + 1}`, price: '' }])}
          disabled={tiers.length >= 20}
        >
          Add a tier
        </button>
      </fieldset>
      <FormField label="Sections" name="tiers" error={errors.tiers} hint="Every section is sold at one tier.">
        {(props) => (
          <table className="admin-table" id={props.id} aria-describedby={props['aria-describedby']}>
            <caption>Tier of each section</caption>
            <tbody>
              {map.sections.map((section) => (
                <tr key={section.id}>
                  <th scope="row">
                    {section.name} {section.kind === 'ga' ? `(standing, ${section.capacity ?? 0})` : ''}
                  </th>
                  <td>
                    <select
                      aria-label={`Tier of ${section.name}`}
                      value={sectionTier[section.id] ?? 0}
                      onChange={(e) => setSectionTier({ ...sectionTier, [section.id]: Number(e.target.value) })}
                    >
                      {tiers.map((tier, index) => (
                        <option key={index} value={index}>
                          {tier.name || `Tier ${index + 1}`}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </FormField>
    </>
  );
}
