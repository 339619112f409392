import { eq } from "drizzle-orm";
import { originLinks } from "../../db/schema";
import { inTransaction } from "../../db/transaction";
import type { AuthContext } from "../../identity/caller";
import { ApiError } from "../../lib/errors";
import { enforceAddressLimit, enforceUsernameLimit } from "../../platform/rate-limits";
import type { RequestScope } from "../../platform/request-scope";
import { auditInsert, recordAudit, userTarget } from "../audit/audit.queries";
import { fetchOrigin, originError } from "./origin-client";
import { type OriginConfig, originKeyContext, originVault, requireOrigin } from "./origin-config";
import { findLink, type OriginLinkView } from "./origin-links";
import { evictLink } from "./sealed-link-cache";

/**
 * Linking a person's Pinepods account: the Worker signs in to the origin's own `get_key` with the
 * username and password given, once, and keeps only the origin key it receives, sealed
 * (src/lib/vault.ts). The password is never stored nor logged; it lives in this request's memory only.
 * Each attempt counts toward the sign-in limits (per username and per address), so this endpoint is
 * no faster a way to guess Pinepods passwords than Podkeys' own sign-in.
 */
export const PINEPODS_KEY = /^[\x21-\x7e]{1,512}$/;

export interface OriginKeyAnswer {
  retrieved_key?: unknown;
  user_id?: unknown;
  mfa_required?: unknown;
  mfa_session_token?: unknown;
}

export function basic(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

export async function readJson<T>(response: Response): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError("ORIGIN_ERROR", "The podcast server's answer is not Pinepods' JSON: is ORIGIN_URL a Pinepods server?");
  }
}

/**
 * Podkeys' own call to the origin, with a credential in it. A redirect is never followed — it would
 * carry the Pinepods password or key to whatever host the answer names — nor believed: the answer at
 * another address is not the origin's. Any 3xx is a 502 ORIGIN_BAD_ANSWER.
 */
export async function callOrigin(config: OriginConfig, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  const init: RequestInit = { headers: { ...headers, accept: "application/json" }, redirect: "manual" };
  if (body !== undefined)
    Object.assign(init, { method: "POST", body: JSON.stringify(body), headers: { ...init.headers, "content-type": "application/json" } });
  const answer = await fetchOrigin(config, new Request(`${config.base}${path}`, init));
  if (answer.status >= 300 && answer.status < 400) {
    await answer.body?.cancel();
    throw new ApiError(
      "ORIGIN_BAD_ANSWER",
      `The podcast server answered with a redirect (HTTP ${answer.status}), which Podkeys does not follow.`,
      {
        "Retry-After": "30",
      },
    );
  }
  return answer;
}

export async function linkOrigin(scope: RequestScope, actor: AuthContext, username: string, password: string): Promise<OriginLinkView> {
  const config = requireOrigin(scope.env);
  const vault = originVault(scope.env);
  await enforceAddressLimit(scope.env, scope.ip, "SIGN_IN_ADDRESS_LIMITER");
  await enforceUsernameLimit(scope.env, username);
  const { db, ip } = scope;

  const signIn = await callOrigin(config, "/api/data/get_key", { authorization: basic(username, password) });
  if (signIn.status === 401 || signIn.status === 403) {
    await signIn.body?.cancel();
    await recordAudit(db, { type: "origin.link_failed", actor, target: userTarget(actor.user), detail: "credentials rejected", ip });
    throw new ApiError("ORIGIN_CREDENTIALS_REJECTED", "The podcast server refused that username and password.");
  }
  if (!signIn.ok) {
    await signIn.body?.cancel();
    throw originError(signIn.status);
  }
  const answer = await readJson<OriginKeyAnswer>(signIn);
  if (answer.mfa_required === true) {
    throw new ApiError("ORIGIN_CREDENTIALS_REJECTED", "This Pinepods account uses two-factor sign-in, which linking does not support yet.");
  }
  if (typeof answer.retrieved_key !== "string" || !PINEPODS_KEY.test(answer.retrieved_key)) {
    throw new ApiError("ORIGIN_ERROR", "The podcast server's sign-in answer holds no key.");
  }
  const originKey = answer.retrieved_key;
  const originUserId = typeof answer.user_id === "number" ? answer.user_id : await askUserId(config, originKey);

  const { sealed, keyId } = await vault.seal(originKey, originKeyContext(actor.user.id));
  const values = {
    originUserId,
    originUsername: username,
    originKeySealed: sealed,
    vaultKeyId: keyId,
    linkedAt: new Date(),
    revokedAt: null,
  };
  // The link and its audit event together, or neither.
  await inTransaction(db, [
    db
      .insert(originLinks)
      .values({ userId: actor.user.id, ...values })
      .onConflictDoUpdate({ target: originLinks.userId, set: values }),
    auditInsert(db, {
      type: "origin.linked",
      actor,
      target: userTarget(actor.user),
      detail: `originUserId=${originUserId} originUsername=${username}`,
      ip,
    }),
  ]);
  evictLink(actor.user.id);
  return (await findLink(db, actor.user.id))!;
}

/** Pinepods' get_key answers without the user id on older versions: ask get_user with the new key. */
export async function askUserId(config: OriginConfig, originKey: string): Promise<number> {
  const response = await callOrigin(config, "/api/data/get_user", { "api-key": originKey });
  if (!response.ok) {
    await response.body?.cancel();
    throw originError(response.status);
  }
  const { retrieved_id } = await readJson<{ retrieved_id?: unknown }>(response);
  if (typeof retrieved_id !== "number" || !Number.isSafeInteger(retrieved_id)) {
    throw new ApiError("ORIGIN_ERROR", "The podcast server did not say which user signed in.");
  }
  return retrieved_id;
}

/** Unlinking forgets the sealed key at once; the next forwarded call gets 409 ORIGIN_NOT_LINKED. */
export async function unlinkOrigin(scope: RequestScope, actor: AuthContext): Promise<void> {
  const { db } = scope;
  const link = await findLink(db, actor.user.id);
  if (!link) return;
  await inTransaction(db, [
    db.delete(originLinks).where(eq(originLinks.userId, actor.user.id)),
    auditInsert(db, {
      type: "origin.unlinked",
      actor,
      target: userTarget(actor.user),
      detail: `originUserId=${link.originUserId}`,
      ip: scope.ip,
    }),
  ]);
  evictLink(actor.user.id);
}
