// The buyer's email changed (a typo at checkout, a new address), and the tickets sent there unless told not to.
import { useState } from 'react';
import type { AdminApi } from '../admin-api.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';

const FIELDS = ['email'] as const;

export function EmailForm({
  api,
  orderId,
  email,
  onChanged,
}: {
  api: AdminApi;
  orderId: string;
  email: string;
  onChanged(): void;
}) {
  const [value, setValue] = useState(email);
  const [resend, setResend] = useState(true);
  const [busy, setBusy] = useState(false);
  const problems = useProblemFields(FIELDS);
  const submit = async () => {
    problems.clear();
    setBusy(true);
    try {
      await api.call('changeBuyerEmail', { params: { orderId }, body: { email: value.trim(), resend } });
      onChanged();
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="order-email"
      aria-label="Change the buyer's email"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormField label="Buyer's email" name="email" error={problems.fields.email}>
        {(input) => <input {...input} type="email" value={value} onChange={(e) => setValue(e.target.value)} />}
      </FormField>
      <label>
        <input type="checkbox" checked={resend} onChange={(e) => setResend(e.target.checked)} /> Send the tickets to the
        new address
      </label>
      <FormError error={problems.formError} />
      <button type="submit" disabled={busy || value.trim() === email}>
        Change the email
      </button>
    </form>
  );
}
