import type { AuthUser } from "../auth/auth-context";
import { createDb } from "../db/client";
import type { Env } from "../env";
import { sha256Hex } from "../lib/crypto";
import { ApiError, notFound } from "../lib/errors";
import { evictKey } from "./key-cache";
import { generateKey, keyHint, keyPrefix } from "./key-format";
import { deleteKey, insertKeyWithinLimit, type ListedKey, listKeys } from "./keys.queries";

/**
 * The key lifecycle with its ownership rules, shared by every API that exposes it
 * (our own /api/keys and the Pinepods-compatible endpoints), so the rules live in one place.
 */

const DEFAULT_MAX_KEYS_PER_USER = 100;

/** A user sees their own keys; an admin sees every key, or one user's with `userId`. */
export async function listKeysAs(env: Env, actor: AuthUser, userId?: number): Promise<ListedKey[]> {
  if (actor.role !== "admin" && userId !== undefined && userId !== actor.id) {
    throw new ApiError(403, "FORBIDDEN", "Only administrators may list other users' keys.");
  }
  return listKeys(createDb(env.DB), { userId: actor.role === "admin" ? userId : actor.id });
}

export async function createKeyFor(env: Env, owner: AuthUser, name: string): Promise<{ key: string; apiKey: ListedKey }> {
  const prefix = keyPrefix(env.KEY_PREFIX);
  const key = generateKey(prefix);
  const maxKeys = Number(env.MAX_KEYS_PER_USER) || DEFAULT_MAX_KEYS_PER_USER;
  const id = await insertKeyWithinLimit(
    env.DB,
    { userId: owner.id, name, keyHash: await sha256Hex(key), hint: keyHint(key, prefix) },
    maxKeys,
  );
  if (id === undefined) {
    throw new ApiError(409, "KEY_LIMIT_REACHED", `You already have ${maxKeys} keys, the most allowed. Delete one to create another.`);
  }
  const [apiKey] = await listKeys(createDb(env.DB), { keyId: id });
  return { key, apiKey: apiKey! };
}

/** A user may delete only their own keys; another user's key is "not found", exactly like a missing one, so ids reveal nothing. */
export async function deleteKeyAs(env: Env, actor: AuthUser, keyId: number): Promise<void> {
  const keyHash = await deleteKey(createDb(env.DB), keyId, actor.role === "admin" ? undefined : actor.id);
  if (!keyHash) throw notFound("Key");
  evictKey(keyHash);
}
