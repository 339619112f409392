import { useEffect, useState } from "preact/hooks";
import { api, errorMessage, onSessionLost, RequestError, type User } from "./api";
import { SettingsScreen } from "./screens/settings-screen";
import { SetupScreen } from "./screens/setup-screen";
import { SignInScreen } from "./screens/sign-in-screen";

type View =
  | { screen: "loading" }
  | { screen: "setup"; token: string }
  | { screen: "signIn"; notice?: string }
  | { screen: "settings"; me: User }
  | { screen: "unreachable"; message: string };

const TITLES: Record<View["screen"], string> = {
  loading: "Podkeys",
  setup: "Set up · Podkeys",
  signIn: "Sign in · Podkeys",
  settings: "Settings · Podkeys",
  unreachable: "Podkeys",
};

/**
 * Whether this browser signed in and has not signed out: the session cookie is HttpOnly, so the page
 * keeps its own hint. Without it the page does not ask "who am I" at all — a signed-out visit would
 * only get a 401, which the browser logs as an error. A stale hint costs one 401, then it is gone.
 */
const HINT = "podkeys.signedIn";
function hint(signedIn?: boolean) {
  try {
    if (signedIn === undefined) return localStorage.getItem(HINT) === "1";
    if (signedIn) localStorage.setItem(HINT, "1");
    else localStorage.removeItem(HINT);
  } catch {}
  // Storage off (private mode, a policy): ask the server every time.
  return true;
}

/** Which screen: setup while nobody exists, then sign-in or settings depending on the session cookie. */
async function firstView(): Promise<View> {
  if (hint()) {
    try {
      return { screen: "settings", me: (await api.me()).user };
    } catch (error) {
      if (!(error instanceof RequestError) || error.status !== 401) throw error;
      hint(false);
    }
  }
  if ((await api.setupStatus()).needed) {
    return { screen: "setup", token: new URLSearchParams(location.search).get("token") ?? "" };
  }
  return { screen: "signIn" };
}

export function App() {
  const [view, setView] = useState<View>({ screen: "loading" });

  function show(next: View) {
    hint(next.screen === "settings");
    // The setup token must not linger in the address bar or the history once it has done its job.
    // The page lives at /podkeys/ (and at / while the gateway is off): any other address (the setup link) goes.
    const home = location.pathname.startsWith("/podkeys/") ? "/podkeys/" : "/";
    if (next.screen !== "setup" && location.pathname !== home) history.replaceState(null, "", home);
    setView(next);
  }

  async function start() {
    setView({ screen: "loading" });
    try {
      show(await firstView());
    } catch (error) {
      setView({ screen: "unreachable", message: errorMessage(error) });
    }
  }

  useEffect(() => {
    onSessionLost(() => show({ screen: "signIn", notice: "Your session has ended. Sign in again." }));
    void start();
  }, []);

  useEffect(() => {
    document.title = TITLES[view.screen];
  }, [view.screen]);

  const signedIn = (me: User) => show({ screen: "settings", me });

  switch (view.screen) {
    case "loading":
      return (
        <p class="loading" role="status">
          Loading…
        </p>
      );
    case "unreachable":
      return (
        <main class="auth-page">
          <div class="card auth-card" role="alert">
            <h1 class="auth-title">Podkeys is not answering</h1>
            <p>{view.message}</p>
            <button type="button" class="button button-primary" onClick={start}>
              Try again
            </button>
          </div>
        </main>
      );
    case "setup":
      return <SetupScreen token={view.token} onDone={signedIn} />;
    case "signIn":
      return <SignInScreen notice={view.notice} onSignedIn={signedIn} />;
    case "settings":
      return (
        <SettingsScreen
          me={view.me}
          onMeChanged={async () => signedIn((await api.me()).user)}
          onSignOut={async () => {
            await api.logout().catch(() => undefined);
            show({ screen: "signIn", notice: "You are signed out." });
          }}
        />
      );
  }
}
