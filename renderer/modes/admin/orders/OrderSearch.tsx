// The order search: words (a buyer's email or name, an order code, a ticket's id or code), state and days, kept in
// the address so a search can be shared and reloaded; newest first, "Show more" for the next keyset page. A filter
// the API refuses shows its message beside its input.
import { useEffect, useMemo, useState } from 'react';
import { OrderState } from '../../../../cloud/contract/index.ts';
import { type AdminOrderPage, type AdminOrderRow } from '../../../../cloud/contract/backoffice-orders.ts';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { adminColumns, DataTable } from '../kit/DataTable.tsx';
import { FormField } from '../kit/FormField.tsx';
import { PageHeader } from '../kit/PageHeader.tsx';
import { ErrorState, LoadingState } from '../kit/states.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import type { AdminScreenProps } from '../screen.ts';

const FILTERS = ['q', 'state', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

export function OrderSearch({ api, query, navigate }: AdminScreenProps) {
  const applied: Filters = useMemo(
    () => ({
      q: query.get('q') ?? '',
      state: query.get('state') ?? '',
      from: query.get('from') ?? '',
      to: query.get('to') ?? '',
    }),
    [query],
  );
  const [draft, setDraft] = useState<Filters>(applied);
  const [rows, setRows] = useState<AdminOrderRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const problems = useProblemFields(FILTERS);

  const load = async (cursor: string | null) => {
    setBusy(true);
    setFailure(null);
    problems.clear();
    try {
      const page = await api.call<AdminOrderPage>('searchAdminOrders', {
        query: { ...applied, q: applied.q.length >= 2 ? applied.q : '', limit: 25, cursor },
      });
      setRows((current) => (cursor && current ? [...current, ...page.orders] : page.orders));
      setNext(page.next);
    } catch (error) {
      if (!problems.capture(error)) setFailure(error);
      if (!cursor) setRows([]);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setDraft(applied);
    setRows(null);
    void load(null);
  }, [applied]);

  const columns = useMemo(() => {
    const col = adminColumns<AdminOrderRow>();
    return [
      col.accessor('code', {
        header: 'Order',
        cell: (info) => (
          <a
            href={`/admin/orders/${info.row.original.id}`}
            onClick={(event) => {
              event.preventDefault();
              navigate(`/admin/orders/${info.row.original.id}`);
            }}
          >
            {info.getValue<string>()}
          </a>
        ),
      }),
      col.accessor((row) => row.buyer.name, { id: 'buyer', header: 'Buyer' }),
      col.accessor((row) => row.buyer.email, { id: 'email', header: 'Email' }),
      col.accessor('eventName', { header: 'Event' }),
      col.accessor('state', { header: 'State', cell: (info) => info.getValue<string>().replace('_', ' ') }),
      col.accessor((row) => row.total.amount, {
        id: 'total',
        header: 'Total',
        cell: (info) => formatMoney(info.row.original.total),
      }),
      col.accessor('createdAt', {
        header: 'Placed',
        cell: (info) => formatDateTime(info.getValue<string>(), info.row.original.venueTimezone),
      }),
    ];
  }, [navigate]);

  const search = () => {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (draft[name]) params.set(name, draft[name]);
    const text = params.toString();
    navigate(`/admin/orders${text ? `?${text}` : ''}`);
  };
  const field = (name: keyof Filters) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });

  return (
    <>
      <PageHeader title="Orders" description="Find an order by its buyer, its code or a ticket." />
      <form
        className="admin-filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
      >
        <FormField label="Buyer, order code or ticket" name="q" error={problems.fields.q}>
          {(input) => <input {...input} type="search" {...field('q')} />}
        </FormField>
        <FormField label="State" name="state" error={problems.fields.state}>
          {(input) => (
            <select {...input} {...field('state')}>
              <option value="">Any</option>
              {OrderState.options.map((state) => (
                <option key={state} value={state}>
                  {state.replace('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Placed from" name="from" error={problems.fields.from}>
          {(input) => <input {...input} type="date" {...field('from')} />}
        </FormField>
        <FormField label="Placed until" name="to" error={problems.fields.to}>
          {(input) => <input {...input} type="date" {...field('to')} />}
        </FormField>
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {failure !== null && <ErrorState error={failure} retry={() => void load(null)} />}
      {rows === null ? (
        <LoadingState what="orders" />
      ) : (
        <DataTable
          caption="Orders, newest first"
          columns={columns}
          rows={rows}
          rowId={(row) => row.id}
          empty="No orders match."
          more={next ? { onClick: () => void load(next), busy } : undefined}
        />
      )}
    </>
  );
}
