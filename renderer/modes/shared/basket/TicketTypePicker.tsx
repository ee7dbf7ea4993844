// The ticket type of each held seat and standing place: one labelled select per place listing the types sold in its
// tier with their prices (adult first chosen), what the chosen type asks at the door and its limits, and a message
// beside the places when the choice breaks a per-order rule (e.g. more child tickets than allowed).
import { useId } from 'react';
import type { BasketLineInput, EventPrices, Hold } from '../../../../cloud/contract/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { useT } from '../../../i18n/index.ts';
import {
  basketProblems,
  chosenTypeId,
  linesToSend,
  optionsFor,
  placesOf,
  typeLimits,
  withChoice,
} from './basket-lines.ts';
import { Field, Select } from '../../../ui/kit/index.ts';

export interface TicketTypePickerProps {
  hold: Pick<Hold, 'seats' | 'ga'>;
  prices: EventPrices;
  /** The chosen lines (as linesToSend gives them); a place without a line shows its default type. */
  lines: BasketLineInput[];
  /** Every place's line, after a change. */
  onChange(lines: BasketLineInput[]): void;
  disabled?: boolean;
}

export function TicketTypePicker({ hold, prices, lines, onChange, disabled = false }: TicketTypePickerProps) {
  const t = useT();
  const id = useId();
  const places = placesOf(hold);
  const problems = basketProblems(prices, linesToSend(hold, prices, lines));
  const typeById = new Map(prices.ticketTypes.map((type) => [type.id, type]));
  return (
    <fieldset className="ticket-types">
      <legend>{t('basket.types.legend')}</legend>
      <ul>
        {places.map((place, index) => {
          const options = optionsFor(prices, place.tierId);
          const chosen = chosenTypeId(place, prices, lines);
          const type = chosen ? typeById.get(chosen) : undefined;
          const limits = type ? typeLimits(type) : [];
          const hasHint = limits.length > 0 || Boolean(type?.requiresCheck);
          // A broken rule is said once, at the last place of its type.
          const lastOfType = !places.slice(index + 1).some((later) => chosenTypeId(later, prices, lines) === chosen);
          const problem = chosen && lastOfType ? problems.get(chosen) : undefined;
          const hintId = `${id}-hint-${index}`;
          const problemId = `${id}-problem-${index}`;
          return (
            <li key={place.key} className="ticket-type">
              <Field label={place.label}>
                <Select
                  value={chosen ?? ''}
                  disabled={disabled || options.length === 0}
                  aria-invalid={chosen !== null && problems.has(chosen)}
                  aria-describedby={[hasHint && hintId, problem && problemId].filter(Boolean).join(' ') || undefined}
                  onChange={(event) => onChange(withChoice(hold, prices, lines, place, event.target.value))}
                >
                  {options.length === 0 && <option value="">{t('basket.types.notOnSale')}</option>}
                  {options.map((option) => (
                    <option key={option.type.id} value={option.type.id}>
                      {t('basket.types.option', {
                        type: option.type.name,
                        price: formatMoney({ amount: option.amount, currency: prices.currency }),
                      })}
                    </option>
                  ))}
                </Select>
              </Field>
              {hasHint && (
                <p id={hintId} className="hint ticket-rules">
                  {type?.requiresCheck && (
                    <span className="door-check">{t('basket.types.doorCheck', { what: type.requiresCheck })}</span>
                  )}
                  {limits.map((limit) => (
                    <span key={limit}>{limit}</span>
                  ))}
                </p>
              )}
              {problem && (
                <p id={problemId} className="field-error" role="alert">
                  {problem}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** True when the choice breaks a per-order rule: paying is refused until it is fixed. */
export function hasBasketProblems(hold: Pick<Hold, 'seats' | 'ga'>, prices: EventPrices, lines: BasketLineInput[]) {
  return basketProblems(prices, linesToSend(hold, prices, lines)).size > 0;
}
