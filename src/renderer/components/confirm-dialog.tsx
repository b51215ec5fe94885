import { useEffect, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
  /** An extra action, e.g. "Force remove" after the engine refused. */
  secondary?: { label: string; onClick(): void } | null;
}

/** A modal question; Escape cancels, the confirm button has focus. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
        <h2 id="confirm-title">{props.title}</h2>
        <div className="modal-body">{props.children}</div>
        {props.error ? (
          <p className="error-text" role="alert">
            {props.error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" onClick={props.onCancel} disabled={props.busy}>
            Cancel
          </button>
          {props.secondary ? (
            <button type="button" className="danger" onClick={props.secondary.onClick} disabled={props.busy}>
              {props.secondary.label}
            </button>
          ) : null}
          <button
            ref={confirmRef}
            type="button"
            className={props.danger ? 'danger' : 'primary'}
            onClick={props.onConfirm}
            disabled={props.busy}
          >
            {props.busy ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
