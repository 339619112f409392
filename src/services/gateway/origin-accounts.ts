import { and, eq, gt, sql } from "drizzle-orm";
import { createDb, type Db } from "../../db/client";
import { type MFA_PURPOSES, originLinks, originMfaSteps, users } from "../../db/schema";
import { inTransaction } from "../../db/transaction";
import type { AuthContext } from "../../identity/caller";
import { type User, UsernameSchema } from "../../identity/users.schemas";
import { base64url, randomBytes, sha256Hex } from "../../lib/crypto";
import { ApiError, passwordAtOrigin } from "../../lib/errors";
import { config as appConfig } from "../../platform/config";
import type { Env } from "../../platform/env";
import type { RequestScope } from "../../platform/request-scope";
import { auditInsert, userTarget } from "../audit/audit.queries";
import { enforceSignInLimits, invalidCredentials, recordFailedSignIn, verifyLocalCredentials } from "../auth/credentials";
import { clearSecondFactorLock, countWrongCodeOf, refuseWhileSecondFactorLocked } from "../auth/second-factor-lockout";
import { twoFactorEnabled } from "../auth/two-factor";
import { mintSignInKey } from "../keys/sign-in-keys";
import { findUserForLogin } from "../users/users.queries";
import { askUserId, basic, callOrigin, type OriginKeyAnswer, PINEPODS_KEY, readJson } from "./link-origin";
import { originError } from "./origin-client";
import { gatewayOn, type OriginConfig, originConfig, originKeyContext, originVault } from "./origin-config";
import { findLink, findUserByOriginId } from "./origin-links";
import { evictLink } from "./sealed-link-cache";

/**
 * One account per person (README "Accounts"): with the gateway on and ORIGIN_ACCOUNTS not `off`, a
 * username with no Podkeys account signs in with its Pinepods password (or single sign-on), and its
 * Podkeys account is made at that first sign-in from what the origin says about the person. Such an
 * account has no Podkeys password: the origin checks every later sign-in. A username that has a
 * Podkeys account of its own is never taken over: its Podkeys password decides.
 * The password lives in this request's memory only; the origin key only sealed, in origin_links.
 */

type Purpose = (typeof MFA_PURPOSES)[number];
export type DoorSignIn = { user: User; twoFactor: boolean } | { originStep: { token: string; originUserId: number } };

/** Whether the door makes accounts: needs ORIGIN_URL and ORIGIN_ACCOUNTS only (setup's status must not fail on a bad timeout). */
export function originAccountsOn(env: Env): boolean {
  return gatewayOn(env) && appConfig(env).originAccounts === "create";
}

/** The origin config when the door makes accounts, else undefined. */
export function originAccountsConfig(env: Env): OriginConfig | undefined {
  const config = originConfig(env);
  return config && appConfig(env).originAccounts === "create" ? config : undefined;
}

/**
 * Username and password at the door: a Podkeys account's own password, or the origin's word for a
 * Pinepods account (made now if it is the first sign-in). The sign-in limits are counted first, before
 * any PBKDF2 and before the origin is contacted.
 */
export async function checkDoorCredentials(scope: RequestScope, username: string, password: string, purpose: Purpose): Promise<DoorSignIn> {
  await enforceSignInLimits(scope, username);
  const { db } = scope;
  const local = await findUserForLogin(db, username);
  const config = originAccountsConfig(scope.env);
  if (!config || (local && local.source === "podkeys")) return verifyLocalCredentials(scope, db, local, password);

  // No Podkeys account, or one that came from Pinepods: the origin decides, every time. HTTP Basic would
  // split a username with ":" into another username (counted by the limits as this one): never sent.
  if (username.includes(":")) throw invalidCredentials();
  const signIn = await callOrigin(config, "/api/data/get_key", { authorization: basic(username, password) });
  if (signIn.status === 401 || signIn.status === 403) {
    await signIn.body?.cancel();
    if (local) recordFailedSignIn(scope, db, local);
    throw invalidCredentials();
  }
  if (!signIn.ok) {
    await signIn.body?.cancel();
    throw originError(signIn.status);
  }
  const answer = await readJson<OriginKeyAnswer>(signIn);
  if (answer.mfa_required === true) {
    if (typeof answer.mfa_session_token !== "string" || answer.mfa_session_token === "") {
      throw new ApiError("ORIGIN_ERROR", "The podcast server asked for a second factor without a session to complete it.");
    }
    const originUserId = typeof answer.user_id === "number" ? answer.user_id : 0;
    // An account with Podkeys' own two-factor on gets Podkeys' step (its authenticator code), never
    // Pinepods' alone: the origin has checked the password, the code is Podkeys' to check.
    const known = originUserId ? await findUserByOriginId(db, originUserId) : undefined;
    if (known && (await twoFactorEnabled(scope.env.DB, known.id))) return { user: known, twoFactor: true };
    return { originStep: { token: await createOriginStep(scope.env, db, username, answer.mfa_session_token, purpose), originUserId } };
  }
  const user = await adoptOriginAccount(
    scope,
    config,
    originKeyOf(answer.retrieved_key),
    typeof answer.user_id === "number" ? answer.user_id : undefined,
  );
  // The second factor of the account returned, which may not be the one of the name typed (renamed in Pinepods).
  return { user, twoFactor: await twoFactorEnabled(scope.env.DB, user.id) };
}

/**
 * Step-up for an account made from Pinepods (auth/reauthenticate.ts): its password lives in the
 * origin, so the origin checks it, as at the door (get_key with Basic auth; the limits were counted by
 * the caller). A right password proves it, whether or not Pinepods would ask its own second factor
 * next; the origin's answer (its key, its session) is not kept. Door accounts off: there is no
 * password to check here (409 PASSWORD_AT_ORIGIN: use a code, or sign in again).
 */
export async function checkOriginPassword(env: Env, userId: number, password: string): Promise<boolean> {
  const config = originAccountsConfig(env);
  if (!config) throw passwordAtOrigin();
  // The Pinepods user the account is linked to, by the name the origin last gave: the answer must be
  // that very user (its user_id), not whoever goes by the name now.
  const link = await findLink(createDb(env.DB), userId);
  if (!link || link.originUsername.includes(":")) return false;
  const response = await callOrigin(config, "/api/data/get_key", { authorization: basic(link.originUsername, password) });
  if (!response.ok) {
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403) return false;
    throw originError(response.status);
  }
  const answer = await readJson<OriginKeyAnswer>(response);
  const key = typeof answer.retrieved_key === "string" && PINEPODS_KEY.test(answer.retrieved_key) ? answer.retrieved_key : undefined;
  const originUserId = typeof answer.user_id === "number" ? answer.user_id : key ? await askUserId(config, key) : undefined;
  return originUserId === link.originUserId;
}

function originKeyOf(value: unknown): string {
  if (typeof value !== "string" || !PINEPODS_KEY.test(value))
    throw new ApiError("ORIGIN_ERROR", "The podcast server's sign-in answer holds no key.");
  return value;
}

// --- Pinepods' two-factor step, relayed ------------------------------------------------------------

const STEP_TTL_MS = 5 * 60 * 1000;
const stepContext = (id: string) => `origin-mfa:${id}`;

async function createOriginStep(env: Env, db: Db, username: string, originToken: string, purpose: Purpose): Promise<string> {
  const token = base64url(randomBytes(32));
  const id = await sha256Hex(token);
  const { sealed } = await originVault(env).seal(originToken, stepContext(id));
  await db.insert(originMfaSteps).values({
    id,
    username: username.toLowerCase(),
    purpose,
    originTokenSealed: sealed,
    expiresAt: new Date(Date.now() + STEP_TTL_MS),
  });
  return token;
}

export type OriginStepResult = { outcome: "ok"; user: User } | { outcome: "invalid" } | { outcome: "expired" };

/**
 * The code for a relayed step: the step is spent (single use, as Pinepods spends its own session on
 * any attempt), the origin's session token opened and handed to the origin's verify_mfa_and_get_key
 * with the code. Undefined: the token is no relayed step (the caller tries its own challenges).
 * The origin checks the code, but it is guessed through the door all the same: the account's lock
 * (auth/second-factor-lockout.ts, per Pinepods username) refuses it while locked, before the origin
 * is asked; a wrong code counts and a right one clears the count.
 */
export async function completeOriginStep(
  scope: RequestScope,
  token: string,
  purpose: Purpose,
  code: string,
): Promise<OriginStepResult | undefined> {
  const config = originAccountsConfig(scope.env);
  if (!config || token.length > 64) return undefined;
  const { db } = scope;
  const id = await sha256Hex(token);
  const [step] = await db
    .delete(originMfaSteps)
    .where(and(eq(originMfaSteps.id, id), eq(originMfaSteps.purpose, purpose), gt(originMfaSteps.expiresAt, new Date())))
    .returning({ sealed: originMfaSteps.originTokenSealed, username: originMfaSteps.username });
  if (!step) return undefined;
  const lock = { originUsername: step.username };
  await refuseWhileSecondFactorLocked(scope.env.DB, lock);
  const { plaintext: originToken } = await originVault(scope.env).open(step.sealed, stepContext(id));
  const response = await callOrigin(config, "/api/data/verify_mfa_and_get_key", {}, { mfa_session_token: originToken, mfa_code: code });
  if (!response.ok) {
    await response.body?.cancel();
    throw originError(response.status);
  }
  const answer = await readJson<{ status?: unknown; retrieved_key?: unknown; verified?: unknown }>(response);
  if (answer.verified !== true || answer.status !== "success") {
    if (answer.status !== "invalid_code") return { outcome: "expired" };
    const owner = (await findUserForLogin(db, step.username)) ?? undefined;
    await countWrongCodeOf(scope.env, scope.waitUntil, lock, owner, scope.ip);
    return { outcome: "invalid" };
  }
  await clearSecondFactorLock(scope.env.DB, lock);
  const user = await adoptOriginAccount(scope, config, originKeyOf(answer.retrieved_key));
  // Podkeys' own two-factor is never skipped: such an account is given Podkeys' step at the password
  // (checkDoorCredentials); one reached here all the same (the origin named no user id) is refused.
  if (await twoFactorEnabled(scope.env.DB, user.id)) throw twoFactorAtPodkeys();
  return { outcome: "ok", user };
}

// --- who the origin key belongs to, and their Podkeys account --------------------------------------

interface OriginPerson {
  originUserId: number;
  username: string;
  admin: boolean;
}

async function originJson<T>(config: OriginConfig, path: string, originKey: string): Promise<T> {
  const response = await callOrigin(config, path, { "api-key": originKey });
  if (!response.ok) {
    await response.body?.cancel();
    throw originError(response.status);
  }
  return readJson<T>(response);
}

/** get_user, user_details_id/{id} and user_admin_check/{id}, with the origin key just received. */
async function identify(config: OriginConfig, originKey: string, knownId?: number): Promise<OriginPerson> {
  const originUserId = knownId ?? (await askUserId(config, originKey));
  const [details, admin] = await Promise.all([
    originJson<{ Username?: unknown }>(config, `/api/data/user_details_id/${originUserId}`, originKey),
    originJson<{ is_admin?: unknown }>(config, `/api/data/user_admin_check/${originUserId}`, originKey),
  ]);
  if (typeof details.Username !== "string" || details.Username.trim() === "") {
    throw new ApiError("ORIGIN_ERROR", "The podcast server did not say the user's name.");
  }
  // The name as the origin has it, never trimmed or cut into another one (adoptOriginAccount checks it).
  return { originUserId, username: details.Username, admin: admin.is_admin === true };
}

/**
 * The Podkeys account of the person behind a fresh origin key: made (with its link and
 * `user.created_from_origin`, one transaction) on the first sign-in, found on later ones (the link
 * sealed again, any revocation cleared, `user.signed_in_via_origin`). Found by the Pinepods user id
 * first (a person renamed in Pinepods keeps their account; a Podkeys account its owner linked to this
 * Pinepods user opens too); by the name only when that name's account came from Pinepods and has no
 * link. An account linked to another Pinepods user (whatever its source) is never taken over: refused
 * as a wrong password, its link left alone; nor is an unlinked account that is Podkeys' own. A Pinepods
 * name that is not exactly a valid Podkeys username ("bob " with a space, over 64 characters) makes
 * no account: it is never trimmed or cut into someone else's name.
 */
export async function adoptOriginAccount(scope: RequestScope, config: OriginConfig, originKey: string, knownId?: number): Promise<User> {
  const person = await identify(config, originKey, knownId);
  const { db } = scope;
  const { ip } = scope;
  for (let attempt = 0; attempt < 3; attempt++) {
    const linked = await findUserByOriginId(db, person.originUserId);
    if (linked) {
      await writeLink(scope.env, db, linked, person, originKey, "user.signed_in_via_origin", ip);
      return linked;
    }
    if (UsernameSchema.safeParse(person.username).data !== person.username) throw invalidCredentials();
    const existing = await findUserForLogin(db, person.username);
    if (existing) {
      const user = { id: existing.id, username: existing.username, role: existing.role };
      // Not linked to this Pinepods user (that was found above): linked to another one, or Podkeys' own.
      const [link] = await db.select({ id: originLinks.originUserId }).from(originLinks).where(eq(originLinks.userId, existing.id));
      if (link || existing.source !== "pinepods") throw invalidCredentials();
      await writeLink(scope.env, db, user, person, originKey, "user.signed_in_via_origin", ip);
      return user;
    }
    const created = await createAccount(scope.env, db, person, originKey, ip);
    if (created) return created;
  }
  throw new ApiError("SERVICE_UNAVAILABLE", "The account could not be made just now: try again.", { "Retry-After": "1" });
}

/** The account, its link and its audit event in one D1 batch; undefined when another request took the id or the name first. */
async function createAccount(env: Env, db: Db, person: OriginPerson, originKey: string, ip: string | null): Promise<User | undefined> {
  // The link's seal is bound to the user's id, so the id is chosen before the batch: past every id
  // AUTOINCREMENT ever gave (sqlite_sequence), so a deleted user's id is never handed out again.
  const [next] = await db.all<{ id: number }>(
    sql`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'users'), 0), coalesce((SELECT max(id) FROM users), 0)) + 1 AS id`,
  );
  const user: User = { id: next!.id, username: person.username, role: person.admin ? "admin" : "user" };
  const { sealed, keyId } = await originVault(env).seal(originKey, originKeyContext(user.id));
  const actor: AuthContext = { via: "session", user, sessionId: "", twoFactor: false, reauthenticatedAt: null };
  try {
    await inTransaction(db, [
      db.insert(users).values({ id: user.id, username: user.username, role: user.role, passwordHash: "", source: "pinepods" }),
      db.insert(originLinks).values({
        userId: user.id,
        originUserId: person.originUserId,
        originUsername: person.username,
        originKeySealed: sealed,
        vaultKeyId: keyId,
      }),
      auditInsert(db, {
        type: "user.created_from_origin",
        actor,
        target: userTarget(user),
        detail: `originUserId=${person.originUserId} role=${user.role}`,
        ip,
      }),
    ]);
  } catch (error) {
    if (/UNIQUE constraint failed|PRIMARY KEY/i.test(String((error as { cause?: unknown })?.cause ?? error))) return undefined;
    throw error;
  }
  return user;
}

async function writeLink(
  env: Env,
  db: Db,
  user: User,
  person: OriginPerson,
  originKey: string,
  type: "user.signed_in_via_origin",
  ip: string | null,
) {
  const { sealed, keyId } = await originVault(env).seal(originKey, originKeyContext(user.id));
  const values = {
    originUserId: person.originUserId,
    originUsername: person.username,
    originKeySealed: sealed,
    vaultKeyId: keyId,
    revokedAt: null,
  };
  const actor: AuthContext = { via: "session", user, sessionId: "", twoFactor: false, reauthenticatedAt: null };
  await inTransaction(db, [
    db
      .insert(originLinks)
      .values({ userId: user.id, ...values })
      .onConflictDoUpdate({ target: originLinks.userId, set: values }),
    auditInsert(db, { type, actor, target: userTarget(user), detail: `originUserId=${person.originUserId}`, ip }),
  ]);
  evictLink(user.id);
}

// --- a link the origin no longer accepts ------------------------------------------------------------

/**
 * A forwarded request the origin answered 401 or 403: is it the key (deleted in Pinepods) or only this
 * request (another user's data)? verify_key with the same key says. A refused key marks the link
 * revoked (`origin.link_revoked`): forwarding answers 409 ORIGIN_LINK_REVOKED until the person signs
 * in again (or links again), without contacting the origin.
 */
export async function checkRevokedLink(
  env: Env,
  config: OriginConfig,
  userId: number,
  username: string,
  originKey: string,
): Promise<boolean> {
  const response = await callOrigin(config, "/api/data/verify_key", { "api-key": originKey });
  await response.body?.cancel();
  if (response.status !== 401 && response.status !== 403) return false;
  const db = createDb(env.DB);
  const user = { id: userId, username };
  await inTransaction(db, [
    db.update(originLinks).set({ revokedAt: new Date() }).where(eq(originLinks.userId, userId)),
    auditInsert(db, {
      type: "origin.link_revoked",
      actor: null,
      target: userTarget(user),
      detail: "the podcast server refused the sealed key",
      ip: null,
    }),
  ]);
  evictLink(userId);
  return true;
}

const twoFactorAtPodkeys = () =>
  new ApiError(
    "TWO_FACTOR_REQUIRED",
    "This account has Podkeys two-factor sign-in on: sign in again with its password and your authenticator code.",
  );

export const linkRevoked = () =>
  new ApiError(
    "ORIGIN_LINK_REVOKED",
    "The podcast server no longer accepts this account's link: sign in again with your Pinepods account.",
  );

// --- single sign-on through the door ---------------------------------------------------------------

/** `api_key=<origin key>` in the callback's redirect (web: `{frontend}/oauth/callback?api_key=…`) or its HTML page (`pinepods://auth/callback?api_key=…`). */
const CALLBACK_KEY = /([?&](?:amp;)?api_key=)([^&#"'<>\s]+)/g;

/**
 * Pinepods' OIDC callback (`GET /api/auth/callback`) answers with the person's origin key in the
 * place the client reads it from. Through the door that key never reaches the client: the person is
 * identified from it (and their account made or found as for a password sign-in, the key sealed as
 * their link), and the client gets a Podkeys sign-in key in the same place. With ORIGIN_ACCOUNTS off,
 * only an account already linked to that Pinepods user signs in; otherwise the redirect says
 * `error=no_podkeys_account`.
 */
export async function rewriteSignInCallback(scope: RequestScope, config: OriginConfig, answer: Response): Promise<Response> {
  const location = answer.headers.get("location");
  const html = (answer.headers.get("content-type") ?? "").includes("text/html");
  const body = html ? await answer.text() : null;
  if (!html) await answer.body?.cancel();
  const keys = new Set([...`${location ?? ""}\n${body ?? ""}`.matchAll(CALLBACK_KEY)].map((match) => match[2]!));
  const headers = new Headers(answer.headers);
  headers.delete("content-length");
  headers.set("cache-control", "no-store");
  if (keys.size === 0) return new Response(body, { status: answer.status, headers });
  if (keys.size > 1) throw new ApiError("ORIGIN_ERROR", "The podcast server's sign-in answer names more than one key.");
  const originKey = decodeURIComponent([...keys][0]!);
  if (!PINEPODS_KEY.test(originKey)) throw new ApiError("ORIGIN_ERROR", "The podcast server's sign-in answer holds no key.");

  const user = await callbackUser(scope, config, originKey);
  // An account with Podkeys' own two-factor signs in with its password and code, never by single sign-on.
  const replacement = !user
    ? "error=no_podkeys_account"
    : (await twoFactorEnabled(scope.env.DB, user.id))
      ? "error=two_factor_required"
      : `api_key=${encodeURIComponent(await mintSignInKey(scope.env, scope.db, user, "Single sign-on", scope.ip))}`;
  const swap = (text: string) => text.replace(CALLBACK_KEY, (_, lead: string) => `${lead.slice(0, -"api_key=".length)}${replacement}`);
  if (location) headers.set("location", swap(location));
  return new Response(body === null ? null : swap(body), { status: answer.status, headers });
}

async function callbackUser(scope: RequestScope, config: OriginConfig, originKey: string): Promise<User | undefined> {
  if (originAccountsConfig(scope.env)) return adoptOriginAccount(scope, config, originKey);
  const originUserId = await askUserId(config, originKey);
  const user = await findUserByOriginId(scope.db, originUserId);
  if (user)
    await writeLink(
      scope.env,
      scope.db,
      user,
      await identify(config, originKey, originUserId),
      originKey,
      "user.signed_in_via_origin",
      scope.ip,
    );
  return user;
}
