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
  /** A change that is not a loss (a new role): asked about plainly, not in red. */
  plain?: boolean;
}

/**
 * Asks before something that cannot be undone. Cancel holds the initial focus, so a stray Enter
 * keeps things as they are; Esc cancels too.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, returnFocus, plain }: ConfirmDialogProps) {
  const { busy, error, run } = useAction(onConfirm);

  return (
    <Dialog title={title} tone={plain ? undefined : "danger"} onDismiss={busy ? undefined : onCancel} returnFocus={returnFocus}>
      <div class="dialog-body">{children}</div>
      <FormError message={error} />
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onCancel} disabled={busy} autofocus>
          Cancel
        </button>
        <button
          type="button"
          class={plain ? "button button-primary" : "button button-danger"}
          onClick={run}
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? "Working…" : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
