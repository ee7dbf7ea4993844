// What staff can do to an order: refund the chosen tickets (or cancel the whole order) with a reason, after seeing
// what goes back (the API's quote, by the same rules as the refund); send the tickets again; change the buyer's
// email. Each asks before acting where it cannot be undone; errors show beside their field.
import { useState } from 'react';
import type { RefundQuote } from '../../../../cloud/contract/index.ts';
import type { AdminOrder, ResentTickets } from '../../../../cloud/contract/backoffice-orders.ts';
import { messageOf } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import type { AdminApi } from '../admin-api.ts';
import { ConfirmDialog } from '../kit/ConfirmDialog.tsx';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { EmailForm } from './EmailForm.tsx';

const FIELDS = ['reason', 'terminalReference', 'ticketIds'] as const;

export function OrderActions({
  api,
  page,
  chosen,
  onChanged,
}: {
  api: AdminApi;
  page: AdminOrder;
  chosen: string[];
  onChanged(): void;
}) {
  const { order } = page;
  const [reason, setReason] = useState('');
  const [terminalReference, setTerminalReference] = useState('');
  const [waiveRefundFee, setWaiveRefundFee] = useState(false);
  const [asking, setAsking] = useState<{ cancel: boolean; quote: RefundQuote; key: string } | null>(null);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const problems = useProblemFields(FIELDS);
  const paidByTerminal = order.payments.some((p) => p.method === 'card_terminal' && p.state === 'captured');
  const refundable = order.state === 'paid' || order.state === 'partially_refunded';
  const cancellable = refundable || order.state === 'pending_payment';

  const ask = async (cancel: boolean) => {
    problems.clear();
    setFailure(null);
    if (!reason.trim()) return problems.setField('reason', 'Say why: the buyer is told.');
    try {
      const quote =
        order.state === 'pending_payment'
          ? { amount: { amount: 0, currency: order.total.currency }, breakdown: null }
          : await api.call<RefundQuote>('quoteAdminRefund', {
              params: { orderId: order.id },
              body: cancel ? { cancel: true } : { ticketIds: chosen, waiveRefundFee },
            });
      setAsking({ cancel, quote, key: crypto.randomUUID() });
    } catch (error) {
      problems.capture(error);
    }
  };
  const act = async () => {
    if (!asking) return;
    const body = {
      reason: reason.trim(),
      ...(paidByTerminal && terminalReference ? { terminalReference } : {}),
      ...(asking.cancel ? {} : { ticketIds: chosen, waiveRefundFee }),
    };
    try {
      await api.call(asking.cancel ? 'cancelAdminOrder' : 'refundAdminOrder', {
        params: { orderId: order.id },
        body,
        idempotencyKey: asking.key,
      });
    } catch (error) {
      // A field's error goes beside its field (the dialog closes); anything else stays in the dialog.
      if (problems.capture(error)) return;
      throw error;
    }
    setStatus(asking.cancel ? 'The order is cancelled.' : 'The tickets are refunded.');
    setReason('');
    onChanged();
  };
  const resend = async () => {
    setFailure(null);
    try {
      const sent = await api.call<ResentTickets>('resendAdminOrder', { params: { orderId: order.id } });
      setStatus(`The tickets are on their way to ${sent.recipient}.`);
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section aria-labelledby="order-actions" className="order-actions">
      <h2 id="order-actions">Actions</h2>
      <p role="status">{status}</p>
      {failure !== null && (
        <p className="admin-form-error" role="alert">
          {messageOf(failure)}
        </p>
      )}
      {cancellable && (
        <div className="order-refund">
          <FormField label="Reason (the buyer is told)" name="reason" error={problems.fields.reason}>
            {(input) => <input {...input} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
          </FormField>
          {paidByTerminal && (
            <FormField
              label="Card terminal refund reference"
              name="terminalReference"
              error={problems.fields.terminalReference}
            >
              {(input) => (
                <input {...input} value={terminalReference} onChange={(e) => setTerminalReference(e.target.value)} />
              )}
            </FormField>
          )}
          {refundable && (
            <label>
              <input type="checkbox" checked={waiveRefundFee} onChange={(e) => setWaiveRefundFee(e.target.checked)} />{' '}
              Waive the refund fee
            </label>
          )}
          {problems.fields.ticketIds && (
            <p className="admin-field-error" role="alert">
              {problems.fields.ticketIds}
            </p>
          )}
          <FormError error={problems.formError} />
          <div className="order-buttons">
            {refundable && (
              <button type="button" disabled={chosen.length === 0} onClick={() => void ask(false)}>
                Refund {chosen.length} chosen ticket{chosen.length === 1 ? '' : 's'}
              </button>
            )}
            <button type="button" className="danger" onClick={() => void ask(true)}>
              Cancel the order
            </button>
          </div>
        </div>
      )}
      {refundable && (
        <button type="button" onClick={() => void resend()}>
          Send the tickets again
        </button>
      )}
      <EmailForm api={api} orderId={order.id} email={order.buyer.email} onChanged={onChanged} />
      <ConfirmDialog
        open={asking !== null}
        title={asking?.cancel ? `Cancel order ${order.code}?` : `Refund ${chosen.length} ticket(s)?`}
        confirmLabel={asking?.cancel ? 'Cancel the order' : 'Refund'}
        cancelLabel="Keep it"
        danger
        onConfirm={act}
        onClose={() => setAsking(null)}
      >
        {asking && <p>{formatMoney(asking.quote.amount)} goes back the way it was paid. This cannot be undone.</p>}
      </ConfirmDialog>
    </section>
  );
}
