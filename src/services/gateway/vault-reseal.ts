import { createDb } from "../../db/client";
import type { AuthContext } from "../../identity/caller";
import { ApiError } from "../../lib/errors";
import { vaultKeyId } from "../../lib/vault";
import { vaultKeyring } from "../../platform/config";
import type { Env } from "../../platform/env";
import { recordAudit, userTarget } from "../audit/audit.queries";
import { openTwoFactorSecret, resealTwoFactorSecret } from "../auth/two-factor";
import { originKeyContext, originVault } from "../gateway/origin-config";
import { resealLink } from "../gateway/origin-links";
import { evictLink } from "../gateway/sealed-link-cache";

/**
 * After a VAULT_KEY rotation, everything sealed under a VAULT_KEY_PREVIOUS is re-sealed under the
 * current key, `BATCH` rows at a time (one read, then one D1 batch of guarded UPDATEs per batch), so
 * the previous key can be dropped. Values are re-sealed on use anyway; this does the rest at once.
 * A value no key opens is counted as `unreadable` and left as it is.
 */
const BATCH = 50;

export interface ResealCounts {
  resealed: number;
  unreadable: number;
}
export interface ResealReport {
  twoFactorSecrets: ResealCounts;
  originKeys: ResealCounts;
  batches: number;
}

type Row = { id: number; sealed: string };

/** Walks the rows not sealed under `currentId` in id order, a batch at a time, and writes each batch's statements in one D1 batch. */
async function resealTable(
  d1: D1Database,
  select: string,
  currentId: string,
  reseal: (row: Row) => Promise<D1PreparedStatement | undefined>,
  report: ResealReport,
): Promise<ResealCounts> {
  const counts = { resealed: 0, unreadable: 0 };
  let after = 0;
  for (;;) {
    const { results } = await d1.prepare(select).bind(currentId, after, BATCH).all<Row>();
    if (results.length === 0) return counts;
    report.batches++;
    const statements: D1PreparedStatement[] = [];
    for (const row of results) {
      const statement = await reseal(row).catch(() => undefined);
      if (statement) statements.push(statement);
      else counts.unreadable++;
    }
    if (statements.length > 0) {
      const written = await d1.batch(statements);
      counts.resealed += written.filter((result) => result.meta.changes > 0).length;
    }
    after = results.at(-1)!.id;
  }
}

export async function resealVault(env: Env, actor: AuthContext, ip: string | null): Promise<ResealReport> {
  const ring = vaultKeyring(env);
  if (!ring) throw new ApiError("NOT_CONFIGURED", "There is no VAULT_KEY on this server: nothing is sealed, nothing to re-seal.");
  const currentId = await vaultKeyId(ring.current);
  const report: ResealReport = { twoFactorSecrets: { resealed: 0, unreadable: 0 }, originKeys: { resealed: 0, unreadable: 0 }, batches: 0 };

  report.twoFactorSecrets = await resealTable(
    env.DB,
    `SELECT id, two_factor_secret AS sealed FROM users WHERE two_factor_secret IS NOT NULL
     AND two_factor_secret NOT LIKE 'v1.' || ?1 || '.%' AND id > ?2 ORDER BY id LIMIT ?3`,
    currentId,
    async (row) => {
      const { plaintext } = await openTwoFactorSecret(ring, row.sealed);
      return resealTwoFactorSecret(env.DB, ring.current, row.id, row.sealed, plaintext);
    },
    report,
  );
  const vault = originVault(env);
  report.originKeys = await resealTable(
    env.DB,
    "SELECT user_id AS id, origin_key_sealed AS sealed FROM origin_links WHERE vault_key_id != ?1 AND user_id > ?2 ORDER BY user_id LIMIT ?3",
    currentId,
    async (row) => {
      const { plaintext } = await vault.open(row.sealed, originKeyContext(row.id));
      evictLink(row.id);
      return resealLink(env.DB, row.id, row.sealed, await vault.seal(plaintext, originKeyContext(row.id)));
    },
    report,
  );

  const { twoFactorSecrets: t, originKeys: o } = report;
  await recordAudit(createDb(env.DB), {
    type: "vault.resealed",
    actor,
    target: userTarget(actor.user),
    detail: `twoFactorSecrets=${t.resealed} originKeys=${o.resealed} unreadable=${t.unreadable + o.unreadable}`,
    ip,
  });
  return report;
}
