import { useRef } from "preact/hooks";
import type { OriginLink } from "../api";
import { Dialog } from "../components/dialog";
import { useCopy } from "../components/use-copy";
import { formatDate, formatRelative } from "../format";
import { ConnectApp } from "./connect-app";

interface RevealKeyDialogProps {
  name: string;
  secret: string;
  /** After a roll: until when the key it replaces keeps working. */
  previousKeyExpiresAt?: string;
  /** The owner's link to the podcast server, for "Connect an app". */
  link?: OriginLink;
  onDone: () => void;
  returnFocus: () => HTMLElement | null | undefined;
}

/**
 * The one time a key is visible. Esc does nothing here: only Done closes it, so the key is not lost
 * by a stray keystroke. When it closes, its owner drops the key from state, and with this dialog
 * it leaves the page.
 */
export function RevealKeyDialog({ name, secret, previousKeyExpiresAt, link, onDone, returnFocus }: RevealKeyDialogProps) {
  const box = useRef<HTMLElement>(null);
  const { status, copy } = useCopy();

  function done() {
    getSelection()?.removeAllRanges();
    onDone();
  }

  return (
    <Dialog title={`Your new key “${name}”`} returnFocus={returnFocus} wide>
      <p class="dialog-lead">Paste it into the application that will use it.</p>
      <div class="secret-row">
        <code ref={box} class="secret">
          {secret}
        </code>
        <button type="button" class="button button-primary" onClick={() => copy(secret, box.current)} autofocus>
          Copy
        </button>
      </div>
      <p class="copy-status" role="status">
        {status}
      </p>
      {previousKeyExpiresAt && <PreviousKey until={previousKeyExpiresAt} />}
      <div class="notice" role="note">
        <strong>This key will not be shown again.</strong> Podkeys keeps only a fingerprint of it. If you lose it, roll it from its row's
        actions for a new one.
      </div>
      <ConnectApp link={link} withKey />
      <div class="dialog-actions">
        <button type="button" class="button" onClick={done}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

/** What happens to the key this one replaces: refused already, or working until a time said both ways. */
function PreviousKey({ until }: { until: string }) {
  const now = Date.now();
  if (new Date(until).getTime() <= now) return <p class="dialog-lead">The old key no longer works.</p>;
  return (
    <p class="dialog-lead">
      The old key keeps working until{" "}
      <strong>
        <time dateTime={until}>{formatDate(until)}</time>
      </strong>{" "}
      ({formatRelative(until, now)}), then it is refused.
    </p>
  );
}
