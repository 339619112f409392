import { useRef, useState } from "preact/hooks";
import { Dialog } from "../components/dialog";

interface RevealKeyDialogProps {
  name: string;
  secret: string;
  onDone: () => void;
  returnFocus: () => HTMLElement | null | undefined;
}

/**
 * The one time a key is visible. Esc does nothing here: only Done closes it, so the key is not lost
 * by a stray keystroke. When it closes, its owner drops the key from state, and with this dialog
 * it leaves the page.
 */
export function RevealKeyDialog({ name, secret, onDone, returnFocus }: RevealKeyDialogProps) {
  const box = useRef<HTMLElement>(null);
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setStatus("Copied to the clipboard.");
    } catch {
      // No Clipboard API (an insecure origin, a denied permission): select the key for the user to copy.
      const range = document.createRange();
      range.selectNodeContents(box.current!);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setStatus("Selected. Press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  }

  function done() {
    getSelection()?.removeAllRanges();
    onDone();
  }

  return (
    <Dialog title={`Your new key “${name}”`} returnFocus={returnFocus}>
      <p class="dialog-lead">Paste it into the application that will use it.</p>
      <div class="secret-row">
        <code ref={box} class="secret">
          {secret}
        </code>
        <button type="button" class="button button-primary" onClick={copy} autofocus>
          Copy
        </button>
      </div>
      <p class="copy-status" role="status">
        {status}
      </p>
      <div class="notice" role="note">
        <strong>This key will not be shown again.</strong> Podkeys keeps only a fingerprint of it. If you lose it,
        delete it and create a new one.
      </div>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={done}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
