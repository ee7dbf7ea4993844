// Toasts: short messages that confirm something happened ("Link copied"), stacked at the foot of the screen and gone
// after a few seconds. `const toast = useToast(); toast('Saved')` (or toast.show(message, { tone })). For what the
// user must act on or read again (a refusal, an error) use a Banner where it happened: a toast does not wait.
// The provider's stack is one polite live region, there before any toast, so a screen reader hears each one as it
// comes (a region added together with its words is often not announced).
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';
import type { Tone } from './Banner.tsx';

export interface ToastOptions {
  tone?: Tone;
  /** Milliseconds before it goes; 0 keeps it until dismissed. */
  duration?: number;
}

interface ToastItem {
  id: number;
  message: ReactNode;
  tone: Tone;
}

export interface ToastApi {
  (message: ReactNode, options?: ToastOptions): number;
  show(message: ReactNode, options?: ToastOptions): number;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function Toast({
  tone = 'info',
  children,
  onDismiss,
  announced = true,
}: {
  tone?: Tone;
  children: ReactNode;
  onDismiss?(): void;
  /** False inside a live region that already announces it (the provider's stack). */
  announced?: boolean;
}) {
  const t = useT();
  const role = announced ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`kit-toast kit-toast--${tone}`} role={role}>
      <span className="kit-toast__text">{children}</span>
      {onDismiss && (
        <button
          type="button"
          className="kit-button kit-button--ghost kit-button--md kit-toast__close"
          aria-label={t('common.toast.dismiss')}
          onClick={onDismiss}
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setItems((shown) => shown.filter((item) => item.id !== id)), []);
  const api = useMemo(() => {
    const show = (message: ReactNode, options: ToastOptions = {}) => {
      const id = nextId.current++;
      setItems((shown) => [...shown.slice(-2), { id, message, tone: options.tone ?? 'info' }]);
      const duration = options.duration ?? 5000;
      if (duration > 0) setTimeout(() => dismiss(id), duration);
      return id;
    };
    return Object.assign((message: ReactNode, options?: ToastOptions) => show(message, options), { show, dismiss });
  }, [dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="kit-toasts" role="status">
        {items.map((item) => (
          <Toast key={item.id} tone={item.tone} announced={false} onDismiss={() => dismiss(item.id)}>
            {item.message}
          </Toast>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast() needs a <ToastProvider> above it');
  return api;
}
