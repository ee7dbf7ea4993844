// The box office: a clerk signs in at the counter, then sells (map, best available, standing) for cash or card,
// finds orders (name, email, order code), refunds or cancels them, reprints, hands will-call tickets over, sells from
// the counter's allotment when the network is down, and prints the end-of-shift report.
import { useRef, useState } from 'react';
import type { CreatedHold, EventSummary, Order, OrderSummary, ShiftReport } from '../../../cloud/contract/index.ts';
import type { AllotmentView, BridgeOutput, SaleResult } from '../../../preload/bridge.ts';
import { ErrorMessage, Empty, Pending } from '../../ui/feedback.tsx';
import { formatDateTime, formatMoney } from '../../ui/format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useDevice } from '../device/device-context.ts';
import { SyncIndicator } from '../device/SyncIndicator.tsx';
import SeatChooser from '../shared/seat-chooser/SeatChooser.tsx';
import { HoldSummary, parseAmount, VenueEvents } from '../device/device-parts.tsx';

type Tab = 'sell' | 'orders' | 'allotment' | 'door' | 'shift';
const TABS: [Tab, string][] = [
  ['sell', 'Sell'],
  ['orders', 'Orders'],
  ['allotment', 'Allotment'],
  ['door', 'Door'],
  ['shift', 'Shift'],
];

const newKey = () => crypto.randomUUID();

export default function BoxOfficeApp() {
  const { client, status, setStatus } = useDevice();
  const [tab, setTab] = useState<Tab>('sell');
  const [shiftStart, setShiftStart] = useState(() => new Date().toISOString());
  if (!status.staff) return <ClerkSignIn onSignedIn={() => setShiftStart(new Date().toISOString())} />;
  return (
    <div className="boxoffice">
      <header className="site-header">
        <span className="brand">TicketBoss box office</span>
        <span>{status.name}</span>
        <SyncIndicator />
        <nav aria-label="Box office">
          {TABS.map(([id, label]) => (
            <button key={id} type="button" aria-pressed={tab === id} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </nav>
        <span>
          {status.staff.name}{' '}
          <button type="button" onClick={() => void client.call('staff:signOut', {}).then(setStatus)}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main">
        <RejectedSales />
        {tab === 'sell' && <SellScreen />}
        {tab === 'orders' && <OrdersScreen />}
        {tab === 'allotment' && <AllotmentScreen />}
        {tab === 'door' && <DoorScreen />}
        {tab === 'shift' && <ShiftScreen from={shiftStart} />}
      </main>
    </div>
  );
}

function ClerkSignIn({ onSignedIn }: { onSignedIn(): void }) {
  const { client, status, setStatus } = useDevice();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <main id="main" className="clerk-signin">
      <h1>Box office sign-in</h1>
      <p>
        {status.name} <SyncIndicator />
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          client.call('staff:signIn', { email, password }).then((next) => {
            onSignedIn();
            setStatus(next);
          }, setError);
        }}
      >
        <label>
          Email
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoComplete="username"
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoComplete="current-password"
          />
        </label>
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
    </main>
  );
}

/** Offline sales the cloud refused for good: the clerk settles them with the buyer (the reason says why). */
function RejectedSales() {
  const { status } = useDevice();
  if (status.sync.rejected.length === 0) return null;
  return (
    <section className="error" role="alert" aria-labelledby="rejected-heading">
      <h2 id="rejected-heading">Sales the cloud refused</h2>
      <ul>
        {status.sync.rejected.map((entry) => (
          <li key={entry.id}>
            {formatDateTime(entry.createdAt, Intl.DateTimeFormat().resolvedOptions().timeZone)}: {entry.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}

// --- Selling ----------------------------------------------------------------------------------------------------------

function SellScreen() {
  const { client, status } = useDevice();
  const [event, setEvent] = useState<EventSummary | null>(null);
  const [hold, setHold] = useState<CreatedHold | null>(null);
  const [sale, setSale] = useState<SaleResult | null>(null);
  const offline = status.sync.state === 'offline';
  const nextSale = () => {
    setHold(null);
    setSale(null);
  };
  if (sale) {
    return (
      <section className="sale-done" aria-labelledby="sale-heading">
        <h1 id="sale-heading">Sold: order {sale.order?.code}</h1>
        <p className="change" role="status">
          {sale.message}
        </p>
        <p>
          Printed {sale.printed.length} {sale.printed.length === 1 ? 'document' : 'documents'}.
        </p>
        <button type="button" className="primary" onClick={nextSale}>
          Next sale
        </button>
      </section>
    );
  }
  if (hold && event) {
    return (
      <CounterPayment
        hold={hold}
        event={event}
        onSold={setSale}
        onCancel={() => {
          void client.releaseHold(hold.id, hold.token).catch(() => {});
          setHold(null);
        }}
      />
    );
  }
  if (!event) return <VenueEvents heading="Sell tickets" onOpen={setEvent} />;
  return (
    <>
      <button type="button" onClick={() => setEvent(null)}>
        All events
      </button>
      <SeatChooser
        eventId={event.id}
        onChoose={async (request) => setHold(await client.createHold(event.id, request))}
        actionLabel={(n) => `Sell ${n === 1 ? 'this seat' : `these ${n} seats`}`}
        paused={offline ? 'Offline: sell from the allotment until the connection is back.' : null}
      />
    </>
  );
}

function CounterPayment({
  hold,
  event,
  onSold,
  onCancel,
}: {
  hold: CreatedHold;
  event: EventSummary;
  onSold(result: SaleResult): void;
  onCancel(): void;
}) {
  const { client } = useDevice();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [delivery, setDelivery] = useState<'print' | 'email' | 'will_call'>('print');
  const [received, setReceived] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cashKey] = useState(newKey);
  const tendered = parseAmount(received, hold.total.currency);
  const change = tendered === null ? null : tendered - hold.total.amount;
  const buyer = { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) };

  const run = async (sale: () => Promise<SaleResult>) => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const result = await sale();
      if (result.status === 'paid') onSold(result);
      else setMessage(result.message);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const valid = name.trim().length > 0 && (delivery !== 'email' || email.trim().length > 0);
  return (
    <section className="counter-payment" aria-labelledby="payment-heading">
      <h1 id="payment-heading">{event.name}</h1>
      <HoldSummary hold={hold} />
      <label>
        Buyer's name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label>
        Email (optional)
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Tickets
        <select value={delivery} onChange={(e) => setDelivery(e.target.value as typeof delivery)}>
          <option value="print">Print now</option>
          <option value="email">Email them</option>
          <option value="will_call">Will-call (pick up later)</option>
        </select>
      </label>
      <fieldset>
        <legend>Cash</legend>
        <label>
          Cash received
          <input inputMode="decimal" value={received} onChange={(e) => setReceived(e.target.value)} />
        </label>
        {change !== null && (
          <p role="status">
            {change >= 0
              ? `Change: ${formatMoney({ amount: change, currency: hold.total.currency })}`
              : `Short by ${formatMoney({ amount: -change, currency: hold.total.currency })}`}
          </p>
        )}
        <button
          type="button"
          className="primary"
          disabled={busy || !valid || change === null || change < 0}
          onClick={() =>
            void run(() =>
              client.call('sale:cash', {
                holdId: hold.id,
                holdToken: hold.token,
                buyer,
                delivery,
                tendered: { amount: tendered!, currency: hold.total.currency },
                idempotencyKey: cashKey,
              }),
            )
          }
        >
          Take cash
        </button>
      </fieldset>
      <button
        type="button"
        disabled={busy || !valid}
        onClick={() =>
          void run(() => client.call('sale:terminal', { holdId: hold.id, holdToken: hold.token, buyer, delivery }))
        }
      >
        Pay {formatMoney(hold.total)} by card
      </button>{' '}
      <button type="button" disabled={busy} onClick={onCancel}>
        Cancel sale
      </button>
      {busy && <p role="status">Working…</p>}
      {message && (
        <p className="notice" role="alert">
          {message}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}

// --- Orders -----------------------------------------------------------------------------------------------------------

function OrdersScreen() {
  const { client } = useDevice();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<OrderSummary[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (open) return <OrderDetail orderId={open} onBack={() => setOpen(null)} />;
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">Find an order</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          client.call('orders:search', { q }).then(setResults, setError);
        }}
      >
        <label>
          Name, email or order code
          <input value={q} onChange={(e) => setQ(e.target.value)} required minLength={2} />
        </label>
        <button type="submit">Search</button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
      {results &&
        (results.length === 0 ? (
          <Empty>No orders match.</Empty>
        ) : (
          <ul className="order-results">
            {results.map((order) => (
              <li key={order.id}>
                <button type="button" onClick={() => setOpen(order.id)}>
                  {order.code} · {order.buyer.name} · {order.buyer.email} · {formatMoney(order.total)} ·{' '}
                  {order.state.replace('_', ' ')}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function OrderDetail({ orderId, onBack }: { orderId: string; onBack(): void }) {
  const { client } = useDevice();
  const [state, retry] = useAsync(() => client.getOrder(orderId), [client, orderId]);
  const [order, setOrder] = useState<Order | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [keys] = useState(() => ({ refund: newKey(), cancel: newKey() }));
  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="the order" />;
  const current = order ?? state.value;
  const valid = current.tickets.filter((t) => t.status === 'valid');
  const act = (run: () => Promise<{ order: Order; handBack?: string; printed?: string[] } | { printed: string[] }>) => {
    setError(null);
    setResult(null);
    run().then((answer) => {
      if ('order' in answer) setOrder(answer.order);
      setChosen([]);
      setResult(
        'handBack' in answer && answer.handBack
          ? answer.handBack
          : `Printed ${answer.printed?.length ?? 0} ${answer.printed?.length === 1 ? 'document' : 'documents'}.`,
      );
    }, setError);
  };
  return (
    <section className="order-detail" aria-labelledby="order-heading">
      <button type="button" onClick={onBack}>
        Back to search
      </button>
      <h1 id="order-heading">Order {current.code}</h1>
      <p>
        {current.buyer.name} · {current.buyer.email} · {formatMoney(current.total)} ·{' '}
        <span className="order-state">{current.state.replace('_', ' ')}</span>
        {current.refunded.amount > 0 && ` · refunded ${formatMoney(current.refunded)}`}
      </p>
      <fieldset>
        <legend>Tickets</legend>
        <ul className="ticket-choices">
          {current.tickets.map((ticket) => (
            <li key={ticket.id}>
              <label className="inline">
                <input
                  type="checkbox"
                  disabled={ticket.status !== 'valid'}
                  checked={chosen.includes(ticket.id)}
                  onChange={(e) =>
                    setChosen(e.target.checked ? [...chosen, ticket.id] : chosen.filter((id) => id !== ticket.id))
                  }
                />
                {ticket.number === null ? `${ticket.sectionId} standing` : `Row ${ticket.row}, seat ${ticket.number}`} ·{' '}
                {formatMoney(ticket.price)} · {ticket.status}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {valid.length > 0 && (
        <>
          <label>
            Reason
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </label>
          <button
            type="button"
            disabled={chosen.length === 0 || !reason.trim()}
            onClick={() =>
              act(() =>
                client.call('orders:refund', {
                  orderId,
                  ticketIds: chosen,
                  reason: reason.trim(),
                  idempotencyKey: `${keys.refund}-${chosen.slice().sort().join('.').slice(0, 180)}`,
                }),
              )
            }
          >
            Refund {chosen.length === 1 ? '1 ticket' : `${chosen.length} tickets`}
          </button>{' '}
          <button
            type="button"
            disabled={!reason.trim()}
            onClick={() =>
              act(() => client.call('orders:cancel', { orderId, reason: reason.trim(), idempotencyKey: keys.cancel }))
            }
          >
            Cancel whole order
          </button>{' '}
          <button
            type="button"
            onClick={() => act(() => client.call('print:order', { orderId, tickets: true, receipt: false }))}
          >
            Reprint tickets
          </button>{' '}
        </>
      )}
      <button
        type="button"
        onClick={() => act(() => client.call('print:order', { orderId, tickets: false, receipt: true }))}
      >
        Reprint receipt
      </button>
      {current.delivery.method === 'will_call' &&
        (current.pickedUpAt ? (
          <p>Picked up {formatDateTime(current.pickedUpAt, Intl.DateTimeFormat().resolvedOptions().timeZone)}.</p>
        ) : (
          valid.length > 0 && (
            <p>
              <button
                type="button"
                className="primary"
                onClick={() => act(() => client.call('orders:pickup', { orderId }))}
              >
                Hand over will-call tickets
              </button>
            </p>
          )
        ))}
      {result && (
        <p className="result" role="status">
          {result}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}

// --- Allotment --------------------------------------------------------------------------------------------------------

function AllotmentScreen() {
  const { client, status } = useDevice();
  const [version, setVersion] = useState(0);
  const [state, retry] = useAsync(() => client.call('allotment:list', {}), [client, version]);
  const [reserving, setReserving] = useState<EventSummary | null>(null);
  const [lastSale, setLastSale] = useState<string | null>(null);
  const offline = status.sync.state === 'offline';
  if (reserving) {
    return (
      <>
        <button type="button" onClick={() => setReserving(null)}>
          Back to the allotment
        </button>
        <SeatChooser
          eventId={reserving.id}
          bestAvailable={false}
          standing={false}
          onChoose={async (request) => {
            if (!('seatIds' in request) || !request.seatIds) return;
            await client.call('allotment:create', { eventId: reserving.id, seatIds: request.seatIds });
            setReserving(null);
            setVersion((n) => n + 1);
          }}
          actionLabel={(n) => `Reserve ${n === 1 ? 'this seat' : `these ${n} seats`} for this counter`}
          paused={offline ? 'Reserving seats needs the connection.' : null}
        />
      </>
    );
  }
  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="the allotment" />;
  return (
    <section aria-labelledby="allotment-heading">
      <h1 id="allotment-heading">This counter's allotment</h1>
      <p>
        Seats kept for this counter until sales end. They can be sold for cash even when the network is down; the sales
        sync when it is back.
      </p>
      {lastSale && (
        <p className="result" role="status">
          {lastSale}
        </p>
      )}
      {state.value.length === 0 && <Empty>No seats reserved yet.</Empty>}
      {state.value.map((allotment) => (
        <AllotmentSale
          key={allotment.allotmentId}
          allotment={allotment}
          onSold={(message) => {
            setLastSale(message);
            setVersion((n) => n + 1);
          }}
        />
      ))}
      {!offline && <VenueEvents heading="Reserve seats for this counter" onOpen={(event) => setReserving(event)} />}
    </section>
  );
}

function AllotmentSale({ allotment, onSold }: { allotment: AllotmentView; onSold(message: string): void }) {
  const { client } = useDevice();
  const [chosen, setChosen] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [received, setReceived] = useState('');
  const [error, setError] = useState<unknown>(null);
  const unsold = allotment.seats.filter((s) => !s.sold);
  const currency = allotment.seats[0]?.price.currency ?? 'EUR';
  const total = allotment.seats.filter((s) => chosen.includes(s.seatId)).reduce((sum, s) => sum + s.price.amount, 0);
  const tendered = parseAmount(received, currency);
  return (
    <form
      className="allotment-sale"
      aria-label={`Allotment ${allotment.allotmentId.slice(0, 8)}`}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        client
          .call('allotment:sellCash', {
            allotmentId: allotment.allotmentId,
            seatIds: chosen,
            buyerName: name.trim(),
            tendered: { amount: tendered ?? 0, currency },
          })
          .then((answer) => onSold(`Sold (${answer.reference}). Give ${formatMoney(answer.change)} change.`), setError);
      }}
    >
      <p>
        {unsold.length} of {allotment.seats.length} seats left
      </p>
      <fieldset>
        <legend>Seats</legend>
        <ul className="ticket-choices">
          {unsold.map((seat) => (
            <li key={seat.seatId}>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={chosen.includes(seat.seatId)}
                  onChange={(e) =>
                    setChosen(e.target.checked ? [...chosen, seat.seatId] : chosen.filter((id) => id !== seat.seatId))
                  }
                />
                {seat.seatId} · {formatMoney(seat.price)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label>
        Buyer's name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label>
        Cash received
        <input inputMode="decimal" value={received} onChange={(e) => setReceived(e.target.value)} required />
      </label>
      <button
        type="submit"
        className="primary"
        disabled={chosen.length === 0 || tendered === null || tendered < total || !name.trim()}
      >
        Sell {chosen.length} for {formatMoney({ amount: total, currency })} cash
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </form>
  );
}

// --- Door -------------------------------------------------------------------------------------------------------------

type DoorScan = BridgeOutput<'door:scan'> & { at: string };

/** Scans typed, or read by a USB scanner acting as a keyboard (it types the code and Enter). */
function DoorScreen() {
  const { client } = useDevice();
  const [gate, setGate] = useState('Gate 1');
  const [code, setCode] = useState('');
  const [scans, setScans] = useState<DoorScan[]>([]);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const last = scans[0];
  const verdict = (scan: DoorScan) =>
    scan.result === 'admitted' ? 'Admit' : scan.result === 'already_used' ? 'Already used' : 'Refused';
  return (
    <section aria-labelledby="door-heading" className="door">
      <h1 id="door-heading">Door</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const scanned = code.trim();
          setCode('');
          setError(null);
          if (!scanned) return;
          client
            .call('door:scan', { code: scanned, gate })
            .then(
              (result) => setScans((list) => [{ ...result, at: new Date().toISOString() }, ...list].slice(0, 20)),
              setError,
            );
          input.current?.focus();
        }}
      >
        <label>
          Gate
          <input value={gate} onChange={(e) => setGate(e.target.value)} required maxLength={40} />
        </label>
        <label>
          Ticket code
          <input
            ref={input}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoFocus
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <button type="submit">Check</button>
      </form>
      {last && (
        <div className={`door-verdict door-${last.result}`} role="alert">
          <p className="door-word">{verdict(last)}</p>
          <p>
            {last.ticket ? `${last.ticket.seat.startsWith('ga:') ? 'Standing' : last.ticket.seat} · ` : ''}
            {last.detail}
          </p>
        </div>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {scans.length > 1 && (
        <ol className="door-history" aria-label="Earlier scans">
          {scans.slice(1).map((scan) => (
            <li key={scan.at + (scan.ticket?.id ?? '')}>
              {verdict(scan)} · {scan.ticket?.seat ?? 'unreadable'} · {scan.offline ? 'offline' : 'online'}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// --- Shift ------------------------------------------------------------------------------------------------------------

function ShiftScreen({ from }: { from: string }) {
  const { client } = useDevice();
  const [float, setFloat] = useState('0');
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const openingFloat = parseAmount(float, 'EUR') ?? 0;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section aria-labelledby="shift-heading">
      <h1 id="shift-heading">End of shift</h1>
      <p>Since {formatDateTime(from, zone)}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          client.call('shift:report', { from, openingFloat }).then(setReport, setError);
        }}
      >
        <label>
          Opening float
          <input inputMode="decimal" value={float} onChange={(e) => setFloat(e.target.value)} />
        </label>
        <button type="submit">Show report</button>{' '}
        <button
          type="button"
          onClick={() =>
            client.call('shift:print', { from, openingFloat }).then(() => setPrinted('Report printed.'), setError)
          }
        >
          Print report
        </button>
      </form>
      {report && (
        <table className="shift-report">
          <caption>Per payment method</caption>
          <thead>
            <tr>
              <th scope="col">Payment</th>
              <th scope="col">Orders</th>
              <th scope="col">Tickets</th>
              <th scope="col">Taken</th>
              <th scope="col">Refunds</th>
              <th scope="col">Refunded</th>
              <th scope="col">Net</th>
            </tr>
          </thead>
          <tbody>
            {report.lines.map((line) => (
              <tr key={`${line.method}-${line.taken.currency}`}>
                <th scope="row">
                  {line.method === 'card_terminal' ? 'Card' : line.method === 'cash' ? 'Cash' : line.method}
                </th>
                <td>{line.orders}</td>
                <td>{line.tickets}</td>
                <td>{formatMoney(line.taken)}</td>
                <td>{line.refunds}</td>
                <td>{formatMoney(line.refunded)}</td>
                <td>{formatMoney(line.net)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={6}>
                Cash expected in the drawer
              </th>
              <td className="cash-expected">{report.cashExpected.map((m) => formatMoney(m)).join(', ')}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {printed && <p role="status">{printed}</p>}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
