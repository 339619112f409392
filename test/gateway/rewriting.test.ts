import { beforeAll, describe, expect, it } from "vitest";
import { answerRewrites, rewriteStream, rewriteText } from "../../src/services/gateway/rewrite-answer";
import { createKey, ORIGIN, setupAdmin } from "../helpers";
import { apiKey, gateway, linkedUser, ORIGIN_URL, ORIGIN_USERS } from "./support";

// No origin secret or address leaves the edge: answers are rewritten as they stream. (Every answer
// of the gateway suites is also checked by support.ts's gateway(): no origin key, no origin host.)

let bobRead: string;
beforeAll(async () => {
  const admin = await setupAdmin("admin");
  const bob = await linkedUser(admin.cookie, "bob");
  bobRead = (await createKey(bob.cookie, "podcast app")).key;
});

const KEY = ORIGIN_USERS.bob.key;
const rewrites = answerRewrites("http://pinepods.test:8040", "https://podcasts.example", KEY, "podk_presented");
const SAMPLE =
  `{"api_url":"http://pinepods.test:8040","proxy_host":"pinepods.test","proxy_url":"http://PINEPODS.test:8040/mover/?url=",` +
  `"enclosure":"http://pinepods.test:8040/api/data/stream/1?api_key=${KEY}&user_id=7","note":"ünïcødé ✓ pinepods.test:8040"}`;
const EXPECTED =
  `{"api_url":"https://podcasts.example","proxy_host":"podcasts.example","proxy_url":"https://podcasts.example/mover/?url=",` +
  `"enclosure":"https://podcasts.example/api/data/stream/1?api_key=podk_presented&user_id=7","note":"ünïcødé ✓ podcasts.example"}`;

async function throughStream(chunks: Uint8Array[]): Promise<string> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(rewriteStream(body, rewrites)).text();
}

describe("the streaming rewriter", () => {
  it("replaces the origin's base URL, host, hostname and key with the edge's and the presented key", () => {
    expect(rewriteText(SAMPLE, rewrites)).toBe(EXPECTED);
  });

  it("finds every match whatever the chunk boundaries: the body cut at each position, in two and in bytes", async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await throughStream([bytes.slice(0, cut), bytes.slice(cut)])).toBe(EXPECTED);
    }
    expect(await throughStream([...bytes].map((byte) => Uint8Array.of(byte)))).toBe(EXPECTED);
  });
});

describe("answers rewritten on the way out", () => {
  it("config's api_url is the edge's", async () => {
    const config = await (await gateway("/api/data/config", { headers: apiKey(bobRead) })).json<Record<string, string>>();
    expect(config.api_url).toBe(ORIGIN);
    expect(config.proxy_url).toBe(`${ORIGIN}/mover/?url=`);
    expect(config.proxy_host).toBe(new URL(ORIGIN).host);
  });

  it("a redirect the origin sends to its own address points at the edge", async () => {
    // verify_key itself is Podkeys' own route (routes/pinepods): a forwarded one is asked.
    const response = await gateway("/api/data/return_pods/7?moved=1", { headers: apiKey(bobRead) });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/api/data/verify_key`);
  });

  it("a large feed (5,000 items, ~2 MB, the origin streaming 1000-byte chunks) keeps every item and names only the edge", async () => {
    const response = await gateway(`/api/feed/7?api_key=${bobRead}&limit=5000`);
    expect(response.headers.has("content-length")).toBe(false);
    const rss = await response.text();
    expect(rss.length).toBeGreaterThan(1_500_000);
    expect(rss.match(/<item>/g)).toHaveLength(5000);
    expect(rss.match(new RegExp(`${ORIGIN}/api/data/stream/\\d+\\?api_key=${bobRead}&amp;user_id=7"`, "g"))).toHaveLength(5000);
    expect(rss).not.toContain(new URL(ORIGIN_URL).host);
    expect(rss).not.toContain(KEY);
    expect(rss.endsWith("</rss>\n")).toBe(true);
  });
});
