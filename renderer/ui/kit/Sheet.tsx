// A sheet: a modal dialog that rises from the bottom on phones and slides in at the side on wider screens. The native
// <dialog> in modal mode makes the rest of the page inert (the focus trap) and closes on Escape; focus returns to
// what opened it.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';

export interface SheetProps {
  open: boolean;
  onClose(): void;
  title: ReactNode;
  children: ReactNode;
  /** Buttons at the foot of the sheet (Apply, Clear…). */
  footer?: ReactNode;
  className?: string;
}

export function Sheet({ open, onClose, title, children, footer, className }: SheetProps) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<HTMLElement | null>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement as HTMLElement | null;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
      opener.current?.focus();
    }
  }, [open]);

  useEffect(() => {
    const element = dialog.current;
    return () => {
      if (element?.open) element.close();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className={['kit-sheet', className].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        closeRef.current();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog box itself, outside its panel) closes it.
        if (event.target === event.currentTarget) closeRef.current();
      }}
    >
      {open && (
        <div className="kit-sheet__panel">
          <header className="kit-sheet__header">
            <h2 id={titleId} className="kit-sheet__title">
              {title}
            </h2>
            <button
              type="button"
              className="kit-button kit-button--ghost kit-button--md kit-sheet__close"
              aria-label={t('common.sheet.close')}
              onClick={() => closeRef.current()}
            >
              <span aria-hidden="true">×</span>
            </button>
          </header>
          <div className="kit-sheet__body">{children}</div>
          {footer && <footer className="kit-sheet__footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
