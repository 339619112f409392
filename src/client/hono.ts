import type { Context, MiddlewareHandler } from "hono";
import {
  isServiceUnavailable,
  type KeyOwner,
  type KeyPermissions,
  type KeyScope,
  type PermissionGroup,
  type PermissionLevel,
  type PodkeysKeyService,
  retryAfterSeconds,
  type VerifyRequestResult,
} from "./key-service";

/**
 * `podkeys/hono`: Podkeys key checks for a Hono app in another Worker, over a service binding to
 * Podkeys' KeyService entrypoint (RPC). Bundled into the calling Worker, so it imports nothing but
 * types: no Podkeys server code, and of hono only its types.
 *
 *   app.use("/api/*", podkeysAuth());                     // any valid key
 *   app.post("/api/episodes", podkeysAuth({ scope: "full" }), …);
 *   app.put("/api/progress", podkeysAuth({ permission: ["playback", "write"] }), …);
 *   c.var.podkeys                                          // { user, keyId, scope, permissions }
 */
export * from "./key-service";

/** What the middleware sets as `c.var.podkeys` for a valid key. */
export interface PodkeysIdentity {
  user: KeyOwner;
  keyId: number;
  scope: KeyScope;
  permissions: KeyPermissions;
}

/** The binding as the calling Worker declares it: `[[services]]` with `entrypoint = "KeyService"`. */
export type PodkeysBinding = Fetcher & PodkeysKeyService;

export interface PodkeysAuthOptions<B extends string> {
  /** The name of the service binding in the calling Worker. Default "PODKEYS". */
  binding?: B;
  /** "read" (the default) lets any valid key through; "full" only keys with the full scope (403 otherwise), as Podkeys' own API. */
  scope?: KeyScope;
  /** A group and the level the key needs in it (`write` includes `read`): 403 INSUFFICIENT_SCOPE otherwise. */
  permission?: readonly [PermissionGroup, PermissionLevel];
}

export interface PodkeysEnv<B extends string = "PODKEYS"> {
  Bindings: { [name in B]: PodkeysKeyService };
  Variables: { podkeys: PodkeysIdentity };
}

// Only these cross the binding: the request's cookies and other headers stay in the calling Worker.
const KEY_HEADERS = ["authorization", "x-api-key", "api-key"];

// The same codes and messages Podkeys' own API answers with for a refused key.
const REFUSALS: Record<Exclude<VerifyRequestResult, { valid: true }>["code"], [string, string]> = {
  MISSING: ["UNAUTHENTICATED", "Send an API key."],
  MALFORMED: ["INVALID_KEY", "The API key is not valid."],
  NOT_FOUND: ["INVALID_KEY", "The API key is not valid."],
  EXPIRED: ["KEY_EXPIRED", "The API key has expired."],
  DISABLED: ["KEY_DISABLED", "The API key is disabled."],
  LEAKED: ["KEY_LEAKED", "The API key was reported leaked and is revoked."],
};

export function podkeysAuth<B extends string = "PODKEYS">(options: PodkeysAuthOptions<B> = {}): MiddlewareHandler<PodkeysEnv<B>> {
  const bindingName = options.binding ?? "PODKEYS";
  const required = options.scope ?? "read";
  return async (c, next) => {
    const service = (c.env as Record<string, PodkeysKeyService | undefined> | undefined)?.[bindingName];
    if (!service)
      throw new Error(`podkeysAuth: no binding named ${bindingName}; add a [[services]] binding with entrypoint = "KeyService".`);

    const headers: Record<string, string> = {};
    for (const name of KEY_HEADERS) {
      const value = c.req.header(name);
      if (value !== undefined) headers[name] = value;
    }
    let result: VerifyRequestResult;
    try {
      result = await service.verifyRequest(headers);
    } catch (error) {
      // No verdict — Podkeys' database failed, or Podkeys could not be reached: temporary, and never "valid".
      if (!isServiceUnavailable(error))
        console.error("podkeysAuth: the KeyService call failed:", error instanceof Error ? error.name : typeof error);
      return refuse(c, 503, "SERVICE_UNAVAILABLE", "The key could not be checked right now. Try again shortly.", {
        "Retry-After": String(retryAfterSeconds(error)),
      });
    }
    if (!result.valid) return refuse(c, 401, ...REFUSALS[result.code]);
    if (required === "full" && result.scope !== "full") {
      return refuse(c, 403, "INSUFFICIENT_SCOPE", "This key has the read scope: it may only read.");
    }
    if (options.permission) {
      const [group, level] = options.permission;
      const held = result.permissions[group];
      if (held !== "write" && !(held === "read" && level === "read")) {
        return refuse(c, 403, "INSUFFICIENT_SCOPE", `This key lacks the ${group} permission at ${level} level.`);
      }
    }
    c.set("podkeys", { user: result.user, keyId: result.keyId, scope: result.scope, permissions: result.permissions });
    await next();
  };
}

/** Podkeys' one error shape: {"error":{"code","message"}}. */
function refuse(c: Context, status: 401 | 403 | 503, code: string, message: string, headers?: Record<string, string>) {
  return c.json({ error: { code, message } }, status, headers);
}
