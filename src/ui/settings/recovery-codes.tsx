import { useEffect, useRef } from "preact/hooks";
import { Dialog } from "../components/dialog";
import { useCopy } from "../components/use-copy";

/**
 * The recovery codes, shown once, in a modal that only "I have saved them" closes (no Esc, the page
 * behind is inert, leaving the page asks first): Copy, Download (a text file made in the page).
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const list = useRef<HTMLUListElement>(null);
  const { status, setStatus, copy } = useCopy();
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener("beforeunload", ask);
    return () => removeEventListener("beforeunload", ask);
  }, []);
  const text = `Podkeys recovery codes (each works once)\n\n${codes.join("\n")}\n`;

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "podkeys-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
    setStatus("Downloaded podkeys-recovery-codes.txt.");
  }

  return (
    <Dialog title="Two-factor sign-in is on: save your recovery codes">
      <div class="notice" role="note">
        <strong>Save these recovery codes now: they will not be shown again.</strong> If you lose your phone, each one signs you in once
        instead of a code from the app.
      </div>
      <ul ref={list} class="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div class="button-row">
        <button type="button" class="button button-primary" onClick={() => copy(text, list.current)} autofocus>
          Copy
        </button>
        <button type="button" class="button" onClick={download}>
          Download
        </button>
      </div>
      <p class="copy-status" role="status">
        {status}
      </p>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onDone}>
          I have saved them
        </button>
      </div>
    </Dialog>
  );
}
