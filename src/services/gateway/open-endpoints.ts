/**
 * Pinepods' open endpoints: the handlers of its route table (rust-api/src/main.rs) that call neither
 * extract_api_key nor validate_api_key — and nothing more. Each goes on without any credential, with
 * only the method Pinepods routes it for:
 * - GET (and HEAD): the instance check and health, whether self-service sign-up is on, the OIDC
 *   providers and languages its login page shows;
 * - POST: the two steps of a forgotten-password reset (a code sent by email, then the code and the
 *   new password). Their bodies are JSON of at most 16 KB, read at the edge (never streamed on), and
 *   each call counts toward the sign-in limits like any other password guess.
 * Left closed on purpose: `create_first` (makes the first Pinepods administrator: at the edge, only
 * a linked key may reach the origin) and `add_login_user` (self-service sign-up: a new Pinepods
 * account would have no Podkeys account to hold its keys); README, "What is forwarded".
 * `config` is not open: Pinepods' get_config checks the Api-Key, so the origin key is swapped in.
 */
const OPEN_ENDPOINTS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    "/api/pinepods_check": ["GET", "HEAD"],
    "/api/health": ["GET", "HEAD"],
    "/api/data/self_service_status": ["GET", "HEAD"],
    "/api/data/public_oidc_providers": ["GET", "HEAD"],
    "/api/data/get_available_languages": ["GET", "HEAD"],
    "/api/data/get_server_default_language": ["GET", "HEAD"],
    "/api/data/reset_password_create_code": ["POST"],
    "/api/data/verify_and_reset_password": ["POST"],
    // Single sign-on (README "Accounts"): the state before the provider, the provider's return; the
    // callback's answer (the origin key) is rewritten at the edge (services/gateway/origin-accounts.ts).
    "/api/auth/store_state": ["POST"],
    "/api/auth/callback": ["GET"],
  }).map(([path, methods]) => [path, new Set(methods)]),
);

/** The methods Pinepods serves at this open path, or undefined for a path that needs a key. */
export const openEndpointMethods = (path: string): ReadonlySet<string> | undefined => OPEN_ENDPOINTS.get(path);

/** An open endpoint that takes a body (the password reset): read at the edge under the usual body guards. */
export const isOpenWithBody = (path: string, method: string): boolean =>
  method === "POST" && OPEN_ENDPOINTS.get(path)?.has("POST") === true;
