import { sql } from "drizzle-orm";
import { createDb } from "../../db/client";
import type { LeakSource } from "../../db/schema";
import { inTransaction, statement } from "../../db/transaction";
import { isWellFormedKey } from "../../identity/key-format";
import { sha256Hex } from "../../lib/crypto";
import { config } from "../../platform/config";
import type { Env, WaitUntil } from "../../platform/env";
import { auditInsert, keyTarget } from "../audit/audit.queries";
import { evictKey } from "../keys/key-cache";
import { notify } from "../notifications/notify";

/**
 * "Revoked as leaked", the one way every reporter (GitHub, GitLab, the public form) revokes a key:
 * the row is kept, marked leaked (with who reported it and where it was found) and disabled, in the
 * same batch as its `key.leaked` audit event; verify-key.ts refuses it with KEY_LEAKED from that same
 * row read, and nothing can enable or roll it again. The isolate's cache entry goes at once, as for a
 * delete. The owner is told (notify, `key_leaked`). The key itself is never stored, logged or echoed.
 *
 * `true_positive`: the token is (or was, until leaked) a Podkeys key here, now revoked.
 * `false_positive`: malformed, unknown, or already deleted: nothing changed.
 */
export type LeakVerdict = "true_positive" | "false_positive";

export interface LeakReport {
  token: string;
  source: LeakSource;
  /** Where the key was found, as the reporter says: kept as text, at most 500 characters, keys in it blanked. */
  url: string | null;
}

const SOURCE_NAMES: Record<LeakSource, string> = { github: "GitHub", gitlab: "GitLab", report: "a public report" };
const MAX_URL_LENGTH = 500;
const ANY_KEY = /[a-z][a-z0-9]{0,15}_[0-9A-Za-z]{49}/g;

/** A reporter's URL as it is kept: trimmed, bounded, and with anything shaped like a key blanked out. */
export function cleanLeakUrl(url: string | null | undefined): string | null {
  const cleaned = url?.trim().replace(ANY_KEY, "[key removed]").slice(0, MAX_URL_LENGTH);
  return cleaned || null;
}

interface KeyRow {
  id: number;
  name: string;
  hint: string;
  leakedAt: number | null;
  ownerId: number;
  ownerUsername: string;
}

export async function revokeLeaked(env: Env, ctx: WaitUntil, report: LeakReport): Promise<LeakVerdict> {
  if (!isWellFormedKey(report.token, config(env).keyPrefix)) return "false_positive";
  const keyHash = await sha256Hex(report.token);
  const key = await env.DB.prepare(
    `SELECT k.id, k.name, k.hint, k.leaked_at AS leakedAt, u.id AS ownerId, u.username AS ownerUsername
     FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?`,
  )
    .bind(keyHash)
    .first<KeyRow>();
  if (!key) return "false_positive";
  if (key.leakedAt !== null) return "true_positive"; // idempotent: reported again, nothing more to do

  const now = Date.now();
  const url = cleanLeakUrl(report.url);
  const db = createDb(env.DB);
  const [revoked] = await inTransaction(db, [
    statement<{ id: number }>(
      db,
      sql`UPDATE api_keys SET leaked_at = ${now}, leak_source = ${report.source}, leak_url = ${url}, enabled = 0
      WHERE id = ${key.id} AND leaked_at IS NULL RETURNING id`,
    ),
    auditInsert(
      db,
      {
        type: "key.leaked",
        actor: null,
        target: keyTarget({ id: key.id, name: key.name, hint: key.hint, owner: { id: key.ownerId, username: key.ownerUsername } }),
        detail: `source=${report.source}${url ? ` url=${url}` : ""}`,
        ip: null,
      },
      // Recorded by the report that revoked it, not by one racing it a moment later.
      sql`EXISTS (SELECT 1 FROM api_keys WHERE id = ${key.id} AND leaked_at = ${now} AND leak_source = ${report.source})`,
    ),
  ]);
  evictKey(keyHash);
  if (revoked.length > 0) {
    notify({ env, ctx }, key.ownerId, "key_leaked", {
      title: `Key "${key.name}" leaked and revoked`,
      body: `Your key "${key.name}" (${key.hint}) was reported by ${SOURCE_NAMES[report.source]}${url ? ` at ${url}` : ""} and no longer works. Create a replacement in Podkeys' settings.`,
      tags: ["rotating_light"],
    });
  }
  return "true_positive";
}
