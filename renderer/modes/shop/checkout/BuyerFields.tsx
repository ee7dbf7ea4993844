// The checkout's form fields: who buys (email, name, phone) and how the tickets get to them (email, post with an
// address, collection at the box office). Uncontrolled inputs, read by order-request.ts when the buyer pays.
import type { Session } from '../../../../cloud/contract/index.ts';

export type WebDelivery = 'email' | 'mail' | 'will_call';

const DELIVERIES: readonly (readonly [WebDelivery, string])[] = [
  ['email', 'E-tickets by email'],
  ['mail', 'Printed tickets by post'],
  ['will_call', 'Collect at the box office'],
];

export function BuyerDetails({ session }: { session: Session | null }) {
  return (
    <fieldset>
      <legend>Your details</legend>
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required defaultValue={session?.principal.email ?? ''} />
      </label>
      <label>
        Full name
        <input name="name" autoComplete="name" required defaultValue={session?.principal.name ?? ''} />
      </label>
      <label>
        Phone (optional)
        <input name="phone" type="tel" autoComplete="tel" />
      </label>
    </fieldset>
  );
}

export function DeliveryChoice({ delivery, onChange }: { delivery: WebDelivery; onChange(value: WebDelivery): void }) {
  return (
    <fieldset>
      <legend>Delivery</legend>
      {DELIVERIES.map(([value, label]) => (
        <label key={value} className="inline">
          <input
            type="radio"
            name="delivery"
            value={value}
            checked={delivery === value}
            onChange={() => onChange(value)}
          />{' '}
          {label}
        </label>
      ))}
      {delivery === 'mail' && (
        <div className="address">
          <label>
            Address
            <input name="line1" autoComplete="address-line1" required />
          </label>
          <label>
            Address line 2 (optional)
            <input name="line2" autoComplete="address-line2" />
          </label>
          <label>
            Town or city
            <input name="city" autoComplete="address-level2" required />
          </label>
          <label>
            Postcode
            <input name="postalCode" autoComplete="postal-code" required />
          </label>
          <label>
            Country code
            <input name="country" autoComplete="country" required maxLength={2} placeholder="GB" />
          </label>
        </div>
      )}
    </fieldset>
  );
}

export function PaymentChoice({
  methods,
  method,
  onChange,
}: {
  methods: readonly ('sandbox' | 'amazon_pay')[];
  method: 'sandbox' | 'amazon_pay';
  onChange(value: 'sandbox' | 'amazon_pay'): void;
}) {
  return (
    <fieldset>
      <legend>Payment</legend>
      {methods.map((value) => (
        <label key={value} className="inline">
          <input
            type="radio"
            name="payment"
            value={value}
            checked={method === value}
            onChange={() => onChange(value)}
          />{' '}
          {value === 'amazon_pay' ? 'Amazon Pay' : 'Sandbox payment (test)'}
        </label>
      ))}
    </fieldset>
  );
}
