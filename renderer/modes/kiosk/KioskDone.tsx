// The kiosk's thank-you screen: the order code, and where the tickets are (printed below, or sent by email).
import type { SaleResult } from '../../../preload/bridge.ts';

export function KioskDone({ result, onFinish }: { result: SaleResult; onFinish(): void }) {
  const emailed = result.order?.delivery.method === 'email';
  return (
    <section className="kiosk-done">
      <h1>Thank you!</h1>
      {result.order ? (
        <>
          <p>
            Order <strong>{result.order.code}</strong>
          </p>
          <p>
            {emailed
              ? `Your tickets are on their way to ${result.order.buyer.email}. Take your receipt below.`
              : `Take your ${result.order.tickets.length === 1 ? 'ticket' : `${result.order.tickets.length} tickets`} and your receipt below.`}
          </p>
        </>
      ) : (
        <p>{result.message}</p>
      )}
      <button type="button" className="primary big" onClick={onFinish}>
        Done
      </button>
    </section>
  );
}
