// The checkout's form fields: who buys (email, name, phone) and how the tickets get to them (email, post with an
// address, collection at the box office). Uncontrolled inputs filled from what the buyer typed before (kept in this
// tab's storage), read by order-request.ts when the buyer pays; a field the cloud refused says why beneath it.
import type { Session } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Field, TextInput, Radio } from '../../../ui/kit/index.ts';
import type { CheckoutDetails } from '../browser-storage.ts';

export type WebDelivery = 'email' | 'mail' | 'will_call';
const DELIVERIES: readonly WebDelivery[] = ['email', 'mail', 'will_call'];

/** Field name → what is wrong with it, in words. */
export type FieldErrors = Partial<Record<string, string>>;

interface FieldsProps {
  kept: CheckoutDetails;
  errors: FieldErrors;
}

function Input({
  name,
  label,
  kept,
  errors,
  fallback = '',
  ...rest
}: FieldsProps & { name: string; label: string; fallback?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={errors[name]} id={`checkout-${name}`}>
      <TextInput name={name} defaultValue={kept[name] ?? fallback} {...rest} />
    </Field>
  );
}

export function BuyerDetails({ session, kept, errors }: FieldsProps & { session: Session | null }) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t('checkout.buyer.legend')}</legend>
      <Input
        name="email"
        label={t('checkout.buyer.email')}
        type="email"
        autoComplete="email"
        fallback={session?.principal.email ?? ''}
        {...{ kept, errors }}
      />
      <Input
        name="name"
        label={t('checkout.buyer.name')}
        autoComplete="name"
        fallback={session?.principal.name ?? ''}
        {...{ kept, errors }}
      />
      <Input name="phone" label={t('checkout.buyer.phone')} type="tel" autoComplete="tel" {...{ kept, errors }} />
    </fieldset>
  );
}

export function DeliveryChoice({
  delivery,
  onChange,
  kept,
  errors,
}: FieldsProps & { delivery: WebDelivery; onChange(value: WebDelivery): void }) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t('checkout.delivery.legend')}</legend>
      {DELIVERIES.map((value) => (
        <Radio
          key={value}
          name="delivery"
          value={value}
          checked={delivery === value}
          onChange={() => onChange(value)}
          label={t(`checkout.delivery.${value}`)}
        />
      ))}
      {delivery === 'mail' && (
        <div className="address">
          <Input name="line1" label={t('checkout.address.line1')} autoComplete="address-line1" {...{ kept, errors }} />
          <Input name="line2" label={t('checkout.address.line2')} autoComplete="address-line2" {...{ kept, errors }} />
          <Input name="city" label={t('checkout.address.city')} autoComplete="address-level2" {...{ kept, errors }} />
          <Input
            name="postalCode"
            label={t('checkout.address.postalCode')}
            autoComplete="postal-code"
            {...{ kept, errors }}
          />
          <Input
            name="country"
            label={t('checkout.address.country')}
            autoComplete="country"
            maxLength={2}
            placeholder={t('checkout.address.countryExample')}
            {...{ kept, errors }}
          />
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
  const t = useT();
  return (
    <fieldset>
      <legend>{t('checkout.payment.legend')}</legend>
      {methods.map((value) => (
        <Radio
          key={value}
          name="payment"
          value={value}
          checked={method === value}
          onChange={() => onChange(value)}
          label={t(`checkout.payment.${value}`)}
        />
      ))}
    </fieldset>
  );
}
