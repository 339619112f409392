import { useEffect, useState } from "preact/hooks";
import { api } from "../api";

/** One of Pinepods' single sign-on providers, as its open `public_oidc_providers` lists them. */
interface Provider {
  provider_id: number;
  client_id: string;
  authorization_url: string;
  scope: string;
  button_text: string;
  button_color: string;
  button_text_color: string;
}

/**
 * With the gateway's accounts on (GET /api/setup → pinepodsAccounts), the sign-in page speaks of the
 * Pinepods account and shows Pinepods' own provider buttons. A button starts Pinepods' flow as its web
 * app does (store_state, then the provider); the callback comes back through Podkeys, which hands the
 * browser a Podkeys sign-in key instead of the Pinepods one (README "Accounts").
 */
export function usePinepodsSignIn(): { on: boolean; providers: Provider[] } {
  const [on, setOn] = useState(false);
  const [providers, setProviders] = useState<Provider[]>([]);
  useEffect(() => {
    let live = true;
    (async () => {
      const status = await api.setupStatus().catch(() => undefined);
      if (!live || !status?.pinepodsAccounts) return;
      setOn(true);
      const answer = await fetch("/api/data/public_oidc_providers", { headers: { accept: "application/json" } }).catch(() => undefined);
      const body = (await answer?.json().catch(() => undefined)) as { providers?: Provider[] } | undefined;
      if (live && Array.isArray(body?.providers)) setProviders(body.providers);
    })();
    return () => {
      live = false;
    };
  }, []);
  return { on, providers };
}

async function startSingleSignOn(provider: Provider) {
  const state = crypto.randomUUID();
  await fetch("/api/auth/store_state", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ state, client_id: provider.client_id, origin_url: `${location.origin}/podkeys/` }),
  });
  const target = new URL(provider.authorization_url);
  target.searchParams.set("client_id", provider.client_id);
  target.searchParams.set("redirect_uri", `${location.origin}/api/auth/callback`);
  target.searchParams.set("response_type", "code");
  target.searchParams.set("scope", provider.scope);
  target.searchParams.set("state", state);
  location.assign(target.href);
}

export function ProviderButtons({ providers }: { providers: Provider[] }) {
  if (providers.length === 0) return null;
  return (
    <div class="stack provider-buttons">
      {providers.map((provider) => (
        <button
          key={provider.provider_id}
          type="button"
          class="button button-wide"
          style={{ background: provider.button_color, color: provider.button_text_color }}
          onClick={() => void startSingleSignOn(provider)}
        >
          {provider.button_text}
        </button>
      ))}
    </div>
  );
}
