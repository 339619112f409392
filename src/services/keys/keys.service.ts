import { sql } from "drizzle-orm";
import { createDb, type Db } from "../../db/client";
import type { Role, Scope } from "../../db/schema";
import { inTransaction } from "../../db/transaction";
import { type AuthContext, actsAsAdmin, isAdminSession } from "../../identity/caller";
import { generateKey, keyHint } from "../../identity/key-format";
import {
  isWithin,
  normalizePermissions,
  type Permissions,
  permissionsShortForm,
  scopeOf,
  scopePermissions,
} from "../../identity/permissions";
import { assertRecentAuthentication } from "../../identity/step-up";
import { sha256Hex } from "../../lib/crypto";
import { ApiError, notFound } from "../../lib/errors";
import type { NetworkFence } from "../../lib/network-fence";
import { config } from "../../platform/config";
import type { Env } from "../../platform/env";
import type { RequestScope } from "../../platform/request-scope";
import { auditInsert, keyTarget } from "../audit/audit.queries";
import { evictKey } from "./key-cache";
import { readKeyUsage } from "./key-usage.queries";
import {
  deleteKeyById,
  type FoundKey,
  findKey,
  insertKeyWithinLimit,
  keyExists,
  keyIdByHash,
  listKeys,
  type StoredRestrictions,
  updateKey,
} from "./keys.queries";
import type { ListedKey } from "./keys.schemas";

/**
 * The key lifecycle with its ownership rules, shared by every API that exposes it
 * (our own /api/keys and the Pinepods-compatible endpoints), so the rules live in one place.
 *
 * Who may touch a key: its owner; an administrator signed in with a session. A key acting through
 * the API (full scope) only ever reaches its own owner's keys, even when the owner is an admin, and
 * never mints a key broader or longer-lived than itself.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

const effectivePermissions = (key: FoundKey) =>
  normalizePermissions(key.permissions ?? scopePermissions(key.scope, key.owner.role), key.owner.role);

/** The key, if the actor may manage it; otherwise "not found", exactly like a missing one, so ids reveal nothing. */
async function manageableKey(db: Db, actor: AuthContext, keyId: number): Promise<FoundKey> {
  const key = await findKey(db, keyId);
  const mayManageAny = isAdminSession(actor);
  if (!key || (!mayManageAny && key.owner.id !== actor.user.id)) throw notFound("Key");
  return key;
}

/**
 * A key may not hand out more than it holds: no permission it lacks, no later expiry. A key narrowed to
 * chosen podcasts, a network or a rate limit makes no keys at all: the new key would escape its narrowing.
 */
function assertWithinCallerKey(actor: AuthContext, permissions: Permissions, expiresAt: Date | null, verb: "create" | "enable" = "create") {
  if (actor.via !== "apiKey") return;
  if (!isWithin(permissions, actor.key.permissions)) {
    throw new ApiError("INSUFFICIENT_SCOPE", `A key cannot ${verb} a key with a broader scope or more permissions than its own.`);
  }
  if (actor.key.podcastIds !== null || actor.key.network !== null || actor.key.rateLimit !== null) {
    throw new ApiError("INSUFFICIENT_SCOPE", `A key limited to podcasts, a network or a rate cannot ${verb} keys; sign in instead.`);
  }
  const ceiling = actor.key.expiresAt;
  if (ceiling !== null && (expiresAt === null || expiresAt.getTime() > ceiling)) {
    throw new ApiError(
      "INSUFFICIENT_SCOPE",
      `A key cannot ${verb} a key that outlives it${verb === "create" ? ": set expiresAt no later than the calling key's" : ""}.`,
    );
  }
}

/** The request's permissions (or its scope's), checked against the owner's role; the scope column that goes with them. */
function resolvePermissions(role: Role, scope: Scope, permissions: Permissions | undefined): { scope: Scope; permissions: Permissions } {
  if (permissions === undefined) return { scope, permissions: scopePermissions(scope, role) };
  if (permissions.admin !== undefined && role !== "admin") {
    throw new ApiError("VALIDATION_ERROR", "Only an administrator's key may have the admin group.");
  }
  const normalized = normalizePermissions(permissions, role);
  if (Object.keys(normalized).length === 0) throw new ApiError("VALIDATION_ERROR", "permissions must name at least one group.");
  return { scope: scopeOf(normalized, role), permissions: normalized };
}

/**
 * Whether the key asked for could manage keys or administer (`keys: write`, or `admin` at any level):
 * made from a session, such a key needs a recent proof of who the person is (http/step-up.ts), so a
 * stolen session cookie cannot mint itself a lasting credential that makes, rolls or deletes keys, or
 * reaches other users. `keys: read` (which the `read` shorthand holds) only lists the owner's keys and
 * events: it manages nothing, so a plain read-only key for a podcast app is not asked.
 */
export function grantsKeyManagement(actor: AuthContext, request: KeyRequest): boolean {
  return managesKeys(resolvePermissions(actor.user.role, request.scope ?? "read", request.permissions).permissions);
}

/** `keys: write` or `admin` at any level: a key with these permissions may make, roll or delete keys, or reach other users. */
function managesKeys(permissions: Permissions): boolean {
  return permissions.keys === "write" || permissions.admin !== undefined;
}

/** The key.created event's words for what narrows the key (no secrets: ids, ranges, numbers). */
function restrictionsDetail(stored: StoredRestrictions): string {
  const parts = [`permissions=${permissionsShortForm(stored.permissions ?? {}).replaceAll(" ", ",")}`];
  if (stored.podcastIds) parts.push(`podcastIds=${stored.podcastIds.join(",")}`);
  if (stored.network) {
    const { countries = [], asns = [], cidrs = [] } = stored.network;
    parts.push(`network=${[...countries, ...asns.map((asn) => `AS${asn}`), ...cidrs].join(",")}`);
  }
  if (stored.rateLimit) parts.push(`rateLimit=${stored.rateLimit.requests}/${stored.rateLimit.periodSeconds}s`);
  return parts.join(" ");
}

/** Applies the deployment's MAX_KEY_LIFETIME_DAYS and refuses expiries in the past. */
export function resolveExpiry(env: Env, requested: string | undefined, now: number): Date | null {
  const capDays = config(env).maxKeyLifetimeDays;
  const cap = capDays === null ? null : now + capDays * DAY_MS;
  if (requested === undefined) return cap === null ? null : new Date(cap);
  const expiresAt = new Date(requested);
  if (expiresAt.getTime() <= now) throw new ApiError("VALIDATION_ERROR", "expiresAt must be in the future.");
  if (cap !== null && expiresAt.getTime() > cap) {
    throw new ApiError("VALIDATION_ERROR", `Keys on this server live at most ${capDays} days: choose an earlier expiresAt.`);
  }
  return expiresAt;
}

/** A new key and what is stored of it (its hash and hint); the key itself only goes back to the caller. */
async function mintKey(env: Env) {
  const prefix = config(env).keyPrefix;
  const key = generateKey(prefix);
  return { key, keyHash: await sha256Hex(key), hint: keyHint(key, prefix) };
}

/** A key revoked as leaked is known to others: it stays refused (src/leaks/). Its replacement is a new key. */
const leakedKeyConflict = (verb: string) =>
  new ApiError("CONFLICT", `This key was reported leaked and cannot be ${verb}: create a replacement instead.`);

const keyLimitReached = (env: Env) =>
  new ApiError("KEY_LIMIT_REACHED", `You already have ${config(env).maxKeysPerUser} keys, the most allowed. Delete one to create another.`);

/** The key as the API shows it, read after its write. */
async function listedKey(db: Db, keyId: number): Promise<ListedKey> {
  const [apiKey] = await listKeys(db, { keyId });
  if (!apiKey) throw notFound("Key"); // deleted between the write and this read
  return apiKey;
}

/**
 * A user sees their own keys; an admin (session or full-scope key, see actsAsAdmin) sees every key,
 * or one user's with `userId`. An admin's read key sees its owner's keys only.
 */
export async function listKeysAs(
  d1: RequestScope["d1"],
  actor: AuthContext,
  filter: { userId?: number; unusedForDays?: number } = {},
): Promise<ListedKey[]> {
  const adminWide = actsAsAdmin(actor);
  if (!adminWide && filter.userId !== undefined && filter.userId !== actor.user.id) {
    throw new ApiError("FORBIDDEN", "Only administrators (signed in, or with a full-scope key) may list other users' keys.");
  }
  return listKeys(createDb(d1), {
    userId: adminWide ? filter.userId : actor.user.id,
    unusedSince: filter.unusedForDays === undefined ? undefined : new Date(Date.now() - filter.unusedForDays * DAY_MS),
  });
}

/*
 * Every change below is one inTransaction() (a D1 batch): D1 runs a batch as one transaction, so a key and the audit
 * event that records it (and, for a roll, the old key's new expiry) commit together or not at all.
 * What needs deciding on current data (the key limit, whether the key still exists) is decided by
 * the statements themselves (conditional INSERT/UPDATE), never by a read that another request could
 * overtake. Each statement after the first is conditioned on the first having done its work.
 */

export interface KeyRequest {
  name: string;
  scope?: Scope;
  expiresAt?: string;
  permissions?: Permissions;
  podcastIds?: number[];
  network?: NetworkFence;
  rateLimit?: { requests: number; periodSeconds: number };
}

export async function createKeyFor(
  env: Env,
  actor: AuthContext,
  request: KeyRequest,
  scope: RequestScope,
): Promise<{ key: string; apiKey: ListedKey }> {
  const resolved = resolvePermissions(actor.user.role, request.scope ?? "read", request.permissions);
  const expiresAt = resolveExpiry(env, request.expiresAt, Date.now());
  assertWithinCallerKey(actor, resolved.permissions, expiresAt);
  const restrictions: StoredRestrictions = {
    permissions: resolved.permissions,
    podcastIds: request.podcastIds ? [...new Set(request.podcastIds)] : null,
    network: request.network ?? null,
    rateLimit: request.rateLimit ?? null,
  };
  const db = createDb(scope.d1);
  const { key, keyHash, hint } = await mintKey(env);
  const [[inserted]] = await inTransaction(db, [
    insertKeyWithinLimit(
      db,
      { userId: actor.user.id, name: request.name, scope: resolved.scope, expiresAt, keyHash, hint, ...restrictions },
      config(env).maxKeysPerUser,
    ),
    auditInsert(
      db,
      {
        type: "key.created",
        actor,
        target: keyTarget({
          id: keyIdByHash(keyHash),
          name: request.name,
          hint,
          owner: { id: actor.user.id, username: actor.user.username },
        }),
        detail: `scope=${resolved.scope}${expiresAt ? ` expiresAt=${expiresAt.toISOString()}` : ""} ${restrictionsDetail(restrictions)}`,
        ip: scope.ip,
      },
      keyExists({ keyHash }),
    ),
  ]);
  if (!inserted) throw keyLimitReached(env);
  return { key, apiKey: await listedKey(db, inserted.id) };
}

export async function deleteKeyAs(actor: AuthContext, keyId: number, scope: RequestScope): Promise<void> {
  const db = createDb(scope.d1);
  const key = await manageableKey(db, actor, keyId);
  const target = keyTarget(key);
  // The event first, while the key is still there to be found: recorded only if the delete happens.
  const [, deleted] = await inTransaction(db, [
    auditInsert(db, { type: "key.deleted", actor, target, ip: scope.ip }, keyExists({ id: keyId })),
    deleteKeyById(db, keyId),
  ]);
  if (deleted.length === 0) throw notFound("Key");
  evictKey(key.keyHash);
}

/**
 * Rotation: a new key with the same name, scope and expiry, shown once; the old key keeps working
 * for `graceSeconds` (never past its own expiry), then is refused.
 */
/**
 * A roll: a new key with the old one's name and scope. `renewTo` (an expiry, or null for none) makes it
 * a renewal: the new key gets that expiry instead of the old one's, and an expired key may be renewed.
 */
export async function rollKeyAs(
  env: Env,
  actor: AuthContext,
  keyId: number,
  graceSeconds: number,
  scope: RequestScope,
  renewTo?: string | null,
) {
  const db = createDb(scope.d1);
  const old = await manageableKey(db, actor, keyId);
  const now = Date.now();
  if (renewTo === undefined && old.expiresAt !== null && old.expiresAt.getTime() <= now) {
    throw new ApiError("CONFLICT", "This key has expired; renew it (a roll with a new expiresAt) or create a new key.");
  }
  if (old.leakedAt) throw leakedKeyConflict("rolled");
  // Rolling would hand out an enabled twin of a key someone switched off: enable it first, deliberately.
  if (!old.enabled) throw new ApiError("CONFLICT", "This key is disabled; enable it before rolling it.");
  const expiresAt = renewTo === undefined ? old.expiresAt : resolveExpiry(env, renewTo ?? undefined, now);
  assertWithinCallerKey(actor, effectivePermissions(old), expiresAt);
  // A fresh plaintext with the old key's permissions: as strong a credential as a new key, so it asks
  // what creating one asks (grantsKeyManagement): a session, not a key caller.
  if (managesKeys(effectivePermissions(old))) assertRecentAuthentication(actor);
  const { key, keyHash, hint } = await mintKey(env);
  const previousKeyExpiresAt = new Date(Math.min(now + graceSeconds * 1000, old.expiresAt?.getTime() ?? Infinity));
  const rolled = keyExists({ keyHash });
  const [[inserted]] = await inTransaction(db, [
    // The replacement may exceed the per-user limit by one: the old key is on its way out.
    // No replacement for a key deleted meanwhile.
    insertKeyWithinLimit(
      db,
      // The new key inherits everything that narrows the old one: permissions, podcasts, fence, limit.
      {
        userId: old.owner.id,
        name: old.name,
        scope: old.scope,
        expiresAt,
        keyHash,
        hint,
        permissions: old.permissions,
        podcastIds: old.podcastIds,
        network: old.network,
        rateLimit: old.rateLimit,
      },
      config(env).maxKeysPerUser + 1,
      keyExists({ id: old.id }),
    ),
    // The old key records its successor: the page shows the pair together, and the old one as replaced.
    updateKey(db, old.id, { expiresAt: previousKeyExpiresAt, replacedById: keyIdByHash(keyHash) }, rolled),
    auditInsert(
      db,
      {
        type: "key.rolled",
        actor,
        target: keyTarget(old),
        detail: sql`'newKeyId=' || ${keyIdByHash(keyHash)} || ${` newKeyHint=${hint} graceSeconds=${graceSeconds}${renewTo === undefined ? "" : ` expiresAt=${expiresAt?.toISOString() ?? "never"}`}`}`,
        ip: scope.ip,
      },
      rolled,
    ),
  ]);
  if (!inserted) throw (await findKey(db, old.id)) ? keyLimitReached(env) : notFound("Key");
  evictKey(old.keyHash);
  return { key, apiKey: await listedKey(db, inserted.id), previousKeyExpiresAt: previousKeyExpiresAt.toISOString() };
}

export interface KeyChanges {
  enabled?: boolean;
  name?: string;
  /** null or "" removes the note. */
  note?: string | null;
}

/**
 * Disable is instant and reversible; enable restores the key as it was. A new name or note changes
 * only the label: the key itself, its scope and expiry stay. Each kind of change is its own event,
 * in the same transaction as the change.
 */
export async function updateKeyAs(actor: AuthContext, keyId: number, changes: KeyChanges, scope: RequestScope) {
  const db = createDb(scope.d1);
  const key = await manageableKey(db, actor, keyId);
  if (changes.enabled && key.leakedAt) throw leakedKeyConflict("enabled");
  // Enabling brings a key back to life: a key may not revive one broader or longer-lived than itself.
  if (changes.enabled) assertWithinCallerKey(actor, effectivePermissions(key), key.expiresAt, "enable");
  // Reviving a disabled key that manages keys asks what creating one asks.
  if (changes.enabled && !key.enabled && managesKeys(effectivePermissions(key))) assertRecentAuthentication(actor);
  const note = changes.note === undefined ? undefined : changes.note || null;
  const renamed = changes.name !== undefined && changes.name !== key.name;
  const noted = note !== undefined && note !== key.note;
  const target = keyTarget({ ...key, name: changes.name ?? key.name });
  const stillThere = keyExists({ id: key.id });
  const events = [];
  if (changes.enabled !== undefined) {
    events.push(auditInsert(db, { type: changes.enabled ? "key.enabled" : "key.disabled", actor, target, ip: scope.ip }, stillThere));
  }
  if (renamed || noted) {
    // The old name is a label the owner chose, not a secret; the note's text stays out of the log.
    const detail = [renamed && `previousName=${key.name}`, noted && (note === null ? "note=removed" : "note=changed")]
      .filter(Boolean)
      .join(" ");
    events.push(auditInsert(db, { type: "key.renamed", actor, target, detail, ip: scope.ip }, stillThere));
  }
  await inTransaction(db, [updateKey(db, key.id, { enabled: changes.enabled, name: changes.name, note }), ...events]);
  if (changes.enabled === false) evictKey(key.keyHash);
  return listedKey(db, key.id);
}

/** A key's daily checks, for whoever may manage it (a missing or someone else's key is "not found"). */
export async function keyUsageAs(d1: RequestScope["d1"], actor: AuthContext, keyId: number, days: number) {
  await manageableKey(createDb(d1), actor, keyId);
  return readKeyUsage(d1, keyId, days, Date.now());
}

/**
 * Whose expired keys a caller may delete at once: their own; an administrator's session anyone's (or
 * one user's). Like managing one key (manageableKey), a key never reaches beyond its owner's keys.
 */
export function expiredKeysOwner(actor: AuthContext, userId: number | undefined): number | undefined {
  const mayManageAny = isAdminSession(actor);
  if (!mayManageAny && userId !== undefined && userId !== actor.user.id) {
    throw new ApiError("FORBIDDEN", "Only an administrator's session may delete other users' keys.");
  }
  return mayManageAny ? userId : actor.user.id;
}
