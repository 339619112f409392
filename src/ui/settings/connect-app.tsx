import { useRef } from "preact/hooks";
import type { OriginLink } from "../api";
import { QrCode } from "../components/lazy-qr-code";
import { useCopy } from "../components/use-copy";

/**
 * What a Pinepods app asks for besides a key, said in one place: issue 19 (signing in with the
 * Pinepods password) changes only this sentence.
 */
export const CREDENTIAL_HINT = "your Podkeys username and password (not your Pinepods password)";

/** The address apps connect to: this Worker's own origin (with the gateway on, also the Pinepods server's address). */
export const serverAddress = () => location.origin;

interface ConnectAppProps {
  /** The account's link to the podcast server; undefined while unknown. */
  link: OriginLink | undefined;
  /** On the one-time key dialog: the key just shown is the credential. */
  withKey?: boolean;
  /** In Podcast server itself, where the link form is right above: the blocker points there, not to a link. */
  linkFormAbove?: boolean;
}

/**
 * "Connect an app": the server address to type (with Copy and a QR code for phones), which credential
 * the app asks for, which access it needs — or, while the account is not linked, what to do first.
 */
export function ConnectApp({ link, withKey = false, linkFormAbove = false }: ConnectAppProps) {
  const box = useRef<HTMLElement>(null);
  const { status, copy } = useCopy();
  const address = serverAddress();
  return (
    <section class="connect-app" aria-labelledby="connect-app-title">
      <h3 id="connect-app-title" class="subheading">
        Connect an app
      </h3>
      {link?.configured && !link.linked && (
        <p class="notice link-blocker" role="note">
          <strong>Link your Pinepods account first.</strong> Until then the podcast server refuses your keys.{" "}
          {linkFormAbove ? "Use the form above." : <a href="#podcast-server">Link it in Podcast server</a>}
        </p>
      )}
      <div class="connect-grid">
        <div class="connect-steps">
          <p class="field-label">Server address</p>
          <div class="secret-row">
            <code ref={box} class="secret">
              {address}
            </code>
            <button type="button" class="button" onClick={() => copy(address, box.current)}>
              Copy<span class="visually-hidden"> server address</span>
            </button>
          </div>
          <p class="copy-status" role="status">
            {status}
          </p>
          <ul class="steps">
            <li>
              {link?.configured === false
                ? "No podcast server is behind this Podkeys: only apps that speak the Podkeys API can use this address."
                : "In the Pinepods app, enter this address as the server."}
            </li>
            <li>
              When the app asks for an API key, {withKey ? "paste this key" : "use one of your keys"}; when it asks for a username and
              password, use {CREDENTIAL_HINT}.
            </li>
            <li>
              A Pinepods app needs a key that may write — the Podcast app preset or Full access — to save your progress and subscriptions; a
              Read only key can only listen.
            </li>
          </ul>
        </div>
        <QrCode text={address} label={`QR code of the server address ${address}`} />
      </div>
    </section>
  );
}
