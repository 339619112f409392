import { DurableObject } from "cloudflare:workers";

/**
 * A key's rate limit, counted by one Durable Object per key (named by the key's id), so every isolate
 * and every location asks the same counter: the Workers Rate Limiting binding counts per location and
 * takes its limit from wrangler.toml, not from a key. SQLite-backed (wrangler.toml [[migrations]]).
 *
 * GCRA (the generic cell rate algorithm): one number per key, the theoretical arrival time of the
 * next request. `requests` per `periodSeconds` allows a burst of `requests` and then one request per
 * period/requests; it never lets 2× through at a window's edge, as a fixed window does. The limit travels
 * with each call, so changing it needs no migration of the object's state.
 */
export class KeyRateLimiter extends DurableObject {
  private tat: number | undefined;

  /** 0 when the request may go on; otherwise the whole seconds until one may. */
  async take(requests: number, periodSeconds: number): Promise<number> {
    const now = Date.now();
    if (this.tat === undefined) this.tat = (await this.ctx.storage.get<number>("tat")) ?? 0;
    const period = periodSeconds * 1000;
    const next = Math.max(this.tat, now) + period / requests;
    if (next - now > period) return Math.max(1, Math.ceil((next - now - period) / 1000));
    this.tat = next;
    // Not awaited: the output gate holds this call's answer until the write is durable.
    void this.ctx.storage.put("tat", next);
    return 0;
  }
}
