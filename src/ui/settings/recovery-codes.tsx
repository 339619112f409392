import { useEffect, useState } from "preact/hooks";
import { Dialog } from "../components/dialog";

/**
 * The recovery codes, shown once, in a modal that only "I have saved them" closes (no Esc, the page
 * behind is inert, leaving the page asks first): Copy, Download (a text file made in the page).
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [status, setStatus] = useState("");
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener("beforeunload", ask);
    return () => removeEventListener("beforeunload", ask);
  }, []);
  const text = `Podkeys recovery codes (each works once)\n\n${codes.join("\n")}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied to the clipboard.");
    } catch {
      setStatus("Copying is not available here: select the codes, or download them.");
    }
  }

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
      <ul class="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div class="button-row">
        <button type="button" class="button button-primary" onClick={copy} autofocus>
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
