// A form's request to the API, written once: busy while it runs, and a failure mapped onto the form (each field's
// message beside its input, the first of them focused, the problem's entries listed, the rest the form's error).
import { useState } from 'react';
import { ProblemError } from '../admin-api.ts';
import { useProblemFields, type ProblemFields } from './use-problem-fields.ts';

/** Moves the focus to the input named `name` within `form` (a field the browser or the API marked). */
export const focusField = (form: ParentNode | null, name: string | undefined): void => {
  if (name) form?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus();
};

export interface FormRequest {
  problems: ProblemFields;
  busy: boolean;
  /** The last failure's entries (e.g. the seats no tier covers). */
  entries: string[];
  /** Clears the last request's problems and entries: call it first, before the browser's own checks mark fields. */
  reset(): void;
  /** Runs the request; a failure lands on the form and focuses its first marked field. */
  send(form: ParentNode | null, request: () => Promise<void>): Promise<void>;
}

export function useFormRequest(names: readonly string[]): FormRequest {
  const problems = useProblemFields(names);
  const [busy, setBusy] = useState(false);
  const [entries, setEntries] = useState<string[]>([]);
  const reset = () => {
    problems.clear();
    setEntries([]);
  };
  const send = async (form: ParentNode | null, request: () => Promise<void>) => {
    setBusy(true);
    try {
      await request();
    } catch (error) {
      const first = problems.capture(error);
      if (error instanceof ProblemError) setEntries(error.entries);
      focusField(form, first);
    } finally {
      setBusy(false);
    }
  };
  return { problems, busy, entries, reset, send };
}
