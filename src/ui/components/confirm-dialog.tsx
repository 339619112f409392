import type { ComponentChildren } from "preact";
import { Dialog } from "./dialog";
import { FormError } from "./field";
import { useAction } from "./use-action";

interface ConfirmDialogProps {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
  returnFocus?: () => HTMLElement | null | undefined;
}

/**
 * Asks before something that cannot be undone. Cancel holds the initial focus, so a stray Enter
 * keeps things as they are; Esc cancels too.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, returnFocus }: ConfirmDialogProps) {
  const { busy, error, run } = useAction(onConfirm);

  return (
    <Dialog title={title} tone="danger" onDismiss={busy ? undefined : onCancel} returnFocus={returnFocus}>
      <div class="dialog-body">{children}</div>
      <FormError message={error} />
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onCancel} disabled={busy} autofocus>
          Cancel
        </button>
        <button type="button" class="button button-danger" onClick={run} disabled={busy} aria-busy={busy}>
          {busy ? "Deleting…" : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
