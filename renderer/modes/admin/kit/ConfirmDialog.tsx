// Asks before an action that cannot be taken back (retry a job, cancel, revoke). A native modal <dialog>: the
// browser traps focus in it, Escape cancels, and focus returns to what opened it.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { messageOf } from '../../../ui/feedback.tsx';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  /** The action; the dialog stays open (buttons disabled) until it settles, and shows its error if it fails. */
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setError(null);
      element.showModal();
    } else if (!open && element.open) element.close();
  }, [open]);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={dialog}
      className="admin-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="admin-dialog-body">{children}</div>
      {error !== null && (
        <p className="admin-field-error" role="alert">
          {messageOf(error)}
        </p>
      )}
      <div className="admin-dialog-actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {cancelLabel}
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
