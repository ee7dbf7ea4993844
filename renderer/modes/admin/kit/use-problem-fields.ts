// Maps a ProblemError onto a form: the message of each field the API named goes beside its input, and what names no
// input of the form (or is not a problem at all) is the form's own error, shown above its buttons.
import { useCallback, useState } from 'react';
import { ProblemError } from '../admin-api.ts';

export interface ProblemFields {
  /** Field name → message, for the inputs of this form. */
  fields: Record<string, string>;
  /** An error that belongs to no input of the form; null when there is none. */
  formError: unknown;
  /** Takes a failure of the form's request; returns the name of the first field it marked (to focus it). */
  capture(error: unknown): string | undefined;
  /** Sets one field's message from the browser (a check before sending). */
  setField(name: string, message: string): void;
  clear(): void;
}

/**
 * `names`: the form's input names. The API names a field by its path in the body (`email`, `tiers.0.price`); a field
 * that is not an input of this form (or one named `body.email`) is matched on its last known name, else it is the
 * form's error.
 */
export function problemFieldsOf(
  error: unknown,
  names: readonly string[],
): { fields: Record<string, string>; rest: boolean } {
  if (!(error instanceof ProblemError) || error.fields.length === 0) return { fields: {}, rest: true };
  const fields: Record<string, string> = {};
  let rest = false;
  for (const { field, message } of error.fields) {
    const name = names.includes(field) ? field : names.find((candidate) => field.endsWith(`.${candidate}`));
    if (name && fields[name] === undefined) fields[name] = message;
    else if (!name) rest = true;
  }
  return { fields, rest };
}

export function useProblemFields(names: readonly string[]): ProblemFields {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const capture = useCallback(
    (error: unknown) => {
      const mapped = problemFieldsOf(error, names);
      setFields(mapped.fields);
      setFormError(mapped.rest ? error : null);
      return names.find((name) => mapped.fields[name] !== undefined);
    },
    [names.join('\u0000')],
  );
  const setField = useCallback(
    (name: string, message: string) => setFields((current) => ({ ...current, [name]: message })),
    [],
  );
  const clear = useCallback(() => {
    setFields({});
    setFormError(null);
  }, []);
  return { fields, formError, capture, setField, clear };
}
