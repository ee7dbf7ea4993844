// The fields of an event both its forms share (new and edit): name, description, start and on-sale period on the
// venue's clock, per-order limit, hold time and the door's code policy (static or the phones' rotating codes). `eventFieldsBody` turns them into the API's body, marking the
// fields the browser can already tell are wrong.
import type { CodePolicy, StaffEvent } from '../../../../cloud/contract/index.ts';
import { FormField } from '../kit/FormField.tsx';
import { fromZonedInput, toZonedInput } from './form-values.ts';

export interface EventFieldValues {
  name: string;
  description: string;
  startsAt: string;
  /** When the doors open, on the venue's clock; empty for none. */
  doorsAt?: string;
  onSaleFrom: string;
  onSaleUntil: string;
  perOrderLimit: string;
  holdTtlSeconds: string;
  /** Which ticket codes the door takes; left out, a new event's are static. */
  codePolicy?: CodePolicy;
}

/** The policies as the form offers them: what the door takes, and what the buyer's phone shows. */
const CODE_POLICIES: { value: CodePolicy; label: string }[] = [
  { value: 'static', label: 'Static codes (printed, emailed, wallet)' },
  { value: 'rotating', label: 'Rotating codes on phones; static codes still admitted' },
  { value: 'rotating_only', label: 'Rotating codes only (static codes of printed or counter tickets still admitted)' },
];

export const eventFieldValues = (event: StaffEvent): EventFieldValues => ({
  name: event.name,
  description: event.description,
  startsAt: toZonedInput(event.startsAt, event.venue.timezone),
  doorsAt: event.doorsAt ? toZonedInput(event.doorsAt, event.venue.timezone) : '',
  onSaleFrom: toZonedInput(event.onSaleFrom, event.venue.timezone),
  onSaleUntil: toZonedInput(event.onSaleUntil, event.venue.timezone),
  perOrderLimit: String(event.perOrderLimit),
  holdTtlSeconds: String(event.holdTtlSeconds),
  codePolicy: event.codePolicy,
});

/** The API's body, or null after marking each field that is not a date, time or whole number. */
export function eventFieldsBody(
  values: EventFieldValues,
  timeZone: string,
  mark: (name: string, message: string) => void,
) {
  let ok = true;
  const when = (name: 'startsAt' | 'onSaleFrom' | 'onSaleUntil') => {
    const instant = fromZonedInput(values[name], timeZone);
    if (!instant) {
      mark(name, 'a date and time');
      ok = false;
    }
    return instant ?? '';
  };
  const whole = (name: 'perOrderLimit' | 'holdTtlSeconds') => {
    const value = Number(values[name]);
    if (!Number.isInteger(value)) {
      mark(name, 'a whole number');
      ok = false;
    }
    return value;
  };
  let doorsAt: string | null = null;
  if (values.doorsAt) {
    doorsAt = fromZonedInput(values.doorsAt, timeZone);
    if (!doorsAt) {
      mark('doorsAt', 'a date and time');
      ok = false;
    }
  }
  const body = {
    name: values.name,
    description: values.description,
    startsAt: when('startsAt'),
    doorsAt,
    onSaleFrom: when('onSaleFrom'),
    onSaleUntil: when('onSaleUntil'),
    perOrderLimit: whole('perOrderLimit'),
    holdTtlSeconds: whole('holdTtlSeconds'),
    ...(values.codePolicy ? { codePolicy: values.codePolicy } : {}),
  };
  return ok ? body : null;
}

export function EventFields({
  values,
  onChange,
  errors,
  timeZone,
}: {
  values: EventFieldValues;
  onChange: (values: EventFieldValues) => void;
  errors: Record<string, string>;
  timeZone: string;
}) {
  const set = (name: keyof EventFieldValues) => (e: { target: { value: string } }) =>
    onChange({ ...values, [name]: e.target.value });
  const time = (name: 'startsAt' | 'onSaleFrom' | 'onSaleUntil', label: string) => (
    <FormField label={label} name={name} error={errors[name]} hint={`On the venue's clock (${timeZone}).`}>
      {(props) => <input {...props} type="datetime-local" required value={values[name]} onChange={set(name)} />}
    </FormField>
  );
  return (
    <>
      <FormField label="Name" name="name" error={errors.name}>
        {(props) => <input {...props} required value={values.name} onChange={set('name')} />}
      </FormField>
      <FormField label="Description" name="description" error={errors.description}>
        {(props) => <textarea {...props} rows={3} value={values.description} onChange={set('description')} />}
      </FormField>
      {time('startsAt', 'Starts')}
      <FormField
        label="Doors open (optional)"
        name="doorsAt"
        error={errors.doorsAt}
        hint={`Before the start, on the venue's clock (${timeZone}); shown on tickets and emails.`}
      >
        {(props) => <input {...props} type="datetime-local" value={values.doorsAt ?? ''} onChange={set('doorsAt')} />}
      </FormField>
      {time('onSaleFrom', 'On sale from')}
      {time('onSaleUntil', 'On sale until')}
      <FormField label="Tickets per order, at most" name="perOrderLimit" error={errors.perOrderLimit}>
        {(props) => (
          <input
            {...props}
            type="number"
            min={1}
            max={100}
            value={values.perOrderLimit}
            onChange={set('perOrderLimit')}
          />
        )}
      </FormField>
      <FormField label="Seconds a buyer keeps seats while paying" name="holdTtlSeconds" error={errors.holdTtlSeconds}>
        {(props) => (
          <input {...props} type="number" min={5} value={values.holdTtlSeconds} onChange={set('holdTtlSeconds')} />
        )}
      </FormField>
      <FormField
        label="Ticket codes at the door"
        name="codePolicy"
        error={errors.codePolicy}
        hint="Rotating codes change on the buyer's phone every 15 seconds, so a screenshot does not get in."
      >
        {(props) => (
          <select {...props} value={values.codePolicy ?? 'static'} onChange={set('codePolicy')}>
            {CODE_POLICIES.map((policy) => (
              <option key={policy.value} value={policy.value}>
                {policy.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </>
  );
}
