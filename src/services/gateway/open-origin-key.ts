import type { Env, WaitUntil } from "../../platform/env";
import { originKeyContext, originVault } from "./origin-config";
import { resealLink } from "./origin-links";
import { evictLink } from "./sealed-link-cache";

/**
 * The owner's origin key, opened from its sealed link for this request. Sealed under a
 * VAULT_KEY_PREVIOUS, it is sealed again under VAULT_KEY after the answer (this request has its key).
 */
export async function openOriginKey(env: Env, ctx: WaitUntil, userId: number, link: { sealed: string }): Promise<string> {
  const vault = originVault(env);
  const { plaintext, stale } = await vault.open(link.sealed, originKeyContext(userId));
  if (stale) {
    ctx.waitUntil(
      vault
        .seal(plaintext, originKeyContext(userId))
        .then(async (fresh) => {
          if ((await resealLink(env.DB, userId, link.sealed, fresh).run()).meta.changes > 0) evictLink(userId);
        })
        .catch(() => undefined), // the next use tries again
    );
  }
  return plaintext;
}
