// A promo code: typed and applied (or removed), with the cloud's word on a bad code beside the field. Not a form of
// its own, since it sits inside the checkout's form: Enter in the field applies the code and does not pay.
import { useId, useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import { Button, TextInput } from '../../../ui/kit/index.ts';

export interface PromoCodeFieldProps {
  /** The code in use (as the buyer typed it), or null. */
  applied: string | null;
  /** Why the last code was refused ("This code has expired."), or null. */
  error: string | null;
  /** A code to apply, or null to remove the one applied. */
  onApply(code: string | null): void;
  disabled?: boolean;
  /** What the code is called: "Promo code" (the default) or "Presale code", in the shown language. */
  label?: string;
}

export function PromoCodeField({ applied, error, onApply, disabled = false, label }: PromoCodeFieldProps) {
  const t = useT();
  const name = label ?? t('basket.code.promo');
  const id = useId();
  const [text, setText] = useState('');
  const errorId = `${id}-error`;
  const apply = () => {
    const code = text.trim();
    if (code) onApply(code);
  };
  return (
    <div className="promo-code">
      {applied !== null ? (
        <p className="promo-applied" role="status">
          {t('basket.code.applied', { label: name, code: applied })}{' '}
          <Button variant="secondary" onClick={() => onApply(null)} disabled={disabled}>
            {t('basket.code.remove')}
          </Button>
        </p>
      ) : (
        <>
          <label htmlFor={`${id}-input`}>{name}</label>
          <span className="promo-entry">
            <TextInput
              id={`${id}-input`}
              value={text}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key !== 'Enter') return;
                event.preventDefault();
                apply();
              }}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={60}
              disabled={disabled}
              aria-invalid={error !== null}
              aria-describedby={error !== null ? errorId : undefined}
            />
            <Button variant="secondary" onClick={apply} disabled={disabled || text.trim() === ''}>
              {t('basket.code.apply')}
            </Button>
          </span>
        </>
      )}
      {error !== null && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
