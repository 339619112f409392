import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

interface DialogProps {
  title: string;
  children: ComponentChildren;
  /**
   * What Esc does. Left out where closing by accident would lose something for good
   * (the dialog that shows a new key once): there only the dialog's own buttons close it.
   */
  onDismiss?: () => void;
  /** Where focus goes when the dialog closes, if the element that opened it is gone or was another dialog. */
  returnFocus?: () => HTMLElement | null | undefined;
  tone?: "danger";
  /** Room for more than a form (the one-time key with "Connect an app"). */
  wide?: boolean;
}

/**
 * A modal built on <dialog>.showModal(): the browser makes the rest of the page inert, keeps Tab
 * inside, and moves focus to the first control (or the one marked autofocus). The component adds
 * focus return to where the user came from, and Esc only where it is safe.
 */
export function Dialog({ title, children, onDismiss, returnFocus, tone, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  const open = useRef(true);

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      open.current = false;
      // After this render settles: the opener may be a row that is being removed with the dialog.
      setTimeout(() => {
        // Not the opener if it is gone, the page body, or inside a dialog that led to this one.
        const usable = opener && opener !== document.body && opener.isConnected && !opener.closest("dialog");
        const target = usable ? opener : returnFocus?.();
        target?.focus();
      });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class={`dialog${tone === "danger" ? " dialog-danger" : ""}${wide ? " dialog-wide" : ""}`}
      aria-modal="true"
      aria-labelledby={titleId}
      // Chromium honours closedby="none": Esc does not even ask. Elsewhere the cancel handler decides.
      {...{ closedby: onDismiss ? "closerequest" : "none" }}
      onCancel={(event) => {
        // Esc: the browser would close the <dialog> itself; the owner decides instead.
        event.preventDefault();
        dismiss.current?.();
      }}
      onClose={() => {
        if (!open.current) return;
        // A browser may close a dialog despite preventDefault (a second Esc in a row). Stay in step:
        // dismiss it properly, or put back the one that must not be closed by accident.
        if (dismiss.current) dismiss.current();
        else ref.current?.showModal();
      }}
    >
      <h2 id={titleId} class="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
