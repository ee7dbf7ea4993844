// The designer's tool forms share these: a field per value, kept as text while typed, its error beside it (from
// the contract's zod schema or the design operation), and the zod issues mapped to the form's field names.
import type { ReactNode } from 'react';
import { FormField } from '../kit/FormField.tsx';

export type Values = Record<string, string>;

export interface FieldProps {
  label: string;
  name: string;
  values: Values;
  errors: Record<string, string>;
  onChange(name: string, value: string): void;
  hint?: ReactNode;
}

export function TextField({
  label,
  name,
  values,
  errors,
  onChange,
  hint,
  type = 'text',
}: FieldProps & { type?: 'text' | 'number' }) {
  return (
    <FormField label={label} name={name} error={errors[name]} hint={hint}>
      {(input) => (
        <input
          {...input}
          type={type}
          inputMode={type === 'number' ? 'decimal' : undefined}
          step="any"
          value={values[name] ?? ''}
          onChange={(event) => onChange(name, event.target.value)}
        />
      )}
    </FormField>
  );
}

export function SelectField({
  label,
  name,
  values,
  errors,
  onChange,
  options,
  hint,
}: FieldProps & { options: [string, string][] }) {
  return (
    <FormField label={label} name={name} error={errors[name]} hint={hint}>
      {(input) => (
        <select {...input} value={values[name] ?? ''} onChange={(event) => onChange(name, event.target.value)}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** A number typed in a field, or undefined when left empty (zod then names the field). */
export const numberOf = (text: string | undefined): number | undefined =>
  text === undefined || text.trim() === '' ? undefined : Number(text);

/** Zod issues to field messages: the first issue per field, named by `fieldOf(path)`. */
export function issuesToFields(
  issues: { path: PropertyKey[]; message: string }[],
  fieldOf: (path: PropertyKey[]) => string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[fieldOf(issue.path)] ??= issue.message;
  return fields;
}
