import { beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "../../src/identity/key-format";
import { apiKey as apiKeyHeader, gateway, linkedUser } from "../gateway/support";
import { call, callWith, createKey, expectError, rows, setupAdmin } from "../helpers";
import { freshTopic, subscribe, waitForMessages } from "../notifications/support";
import { alertFor, keyServerFetches, newSigningKey, postAlert, publishKeys, type SigningKey, sign, tokenHash } from "./support";

let admin: { cookie: string; id: number };
let bob: { cookie: string; id: number };
let github: SigningKey;
let path: string;

beforeAll(async () => {
  admin = await setupAdmin();
  bob = await linkedUser(admin.cookie, "bob"); // linked to the stand-in Pinepods server: keys work through the door
  github = await newSigningKey();
  path = `/meta/public_keys/secret_scanning/${crypto.randomUUID()}`;
  await publishKeys(path, [github]);
});

const body = (...alerts: object[]) => JSON.stringify(alerts);
const me = (key: string, bindings: Record<string, string> = {}) => callWith(bindings, "/api/me", { key });

describe("POST /api/leaks/github (happy)", () => {
  it("revokes a live key at once everywhere: /api/me, /api/keys/verify and through the door, even with the cache on", async () => {
    const topic = freshTopic();
    await subscribe(bob.cookie, topic, ["key_leaked"]);
    const { key, apiKey } = await createKey(bob.cookie, "Home Assistant", { scope: "full" });
    const cached = { KEY_CACHE_TTL_SECONDS: "300" };
    expect((await me(key, cached)).status).toBe(200); // now in this isolate's cache
    expect((await gateway("/api/data/return_pods/7", { headers: apiKeyHeader(key) })).status).toBe(200);

    const alert = alertFor(key);
    const response = await postAlert(path, body(alert), github);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ token_hash: await tokenHash(key), token_type: "podkeys_api_key", label: "true_positive" }]);

    await expectError(await me(key, cached), 401, "KEY_LEAKED");
    await expectError(await me(key), 401, "KEY_LEAKED");
    const verify = await call("/api/keys/verify", { method: "POST", json: { key } });
    expect(await verify.json()).toEqual({ valid: false, code: "LEAKED" });
    await expectError(await gateway("/api/data/return_pods/7", { headers: apiKeyHeader(key) }), 401, "KEY_LEAKED");

    // It stays revoked: not enabled again, not rolled; its row is kept and says what happened.
    await expectError(
      await call(`/api/keys/${apiKey.id}`, { method: "PATCH", cookie: bob.cookie, json: { enabled: true } }),
      409,
      "CONFLICT",
    );
    await expectError(await call(`/api/keys/${apiKey.id}/roll`, { method: "POST", cookie: bob.cookie, json: {} }), 409, "CONFLICT");
    const { keys } = await (await call("/api/keys", { cookie: bob.cookie })).json<{
      keys: { id: number; enabled: boolean; leak: unknown }[];
    }>();
    expect(keys.find((k) => k.id === apiKey.id)).toMatchObject({
      enabled: false,
      leak: { at: expect.any(String), source: "github", url: alert.url },
    });

    // The owner hears about it once, by name and hint, never the key.
    const [message] = await waitForMessages(topic);
    expect(message?.message).toContain("Home Assistant");
    expect(message?.message).toContain(apiKey.hint);
    expect(message?.message).toContain(alert.url);
    expect(JSON.stringify(message)).not.toContain(key);

    const events = await rows<{ detail: string; actor_id: number | null }>(
      "SELECT detail, actor_id FROM audit_events WHERE type = 'key.leaked' AND target_id = ?",
      apiKey.id,
    );
    expect(events).toEqual([{ detail: `source=github url=${alert.url}`, actor_id: null }]);
  });

  it("is idempotent: the same alert again is true_positive and changes nothing more", async () => {
    const { key, apiKey } = await createKey(bob.cookie, "twice");
    const alert = body(alertFor(key));
    await postAlert(path, alert, github);
    const again = await postAlert(path, alert, github);
    expect((await again.json<{ label: string }[]>())[0]?.label).toBe("true_positive");
    expect(await rows("SELECT 1 FROM audit_events WHERE type = 'key.leaked' AND target_id = ?", apiKey.id)).toHaveLength(1);
  });

  it("labels many tokens in one alert: live, unknown, malformed and already deleted", async () => {
    const live = await createKey(bob.cookie, "live");
    const deleted = await createKey(bob.cookie, "deleted");
    await call(`/api/keys/${deleted.apiKey.id}`, { method: "DELETE", cookie: bob.cookie });
    const unknown = generateKey("podk");
    const malformed = `${live.key.slice(0, -1)}${live.key.endsWith("A") ? "B" : "A"}`; // checksum broken
    const other = await createKey(bob.cookie, "untouched");
    const response = await postAlert(path, body(...[live.key, unknown, malformed, deleted.key].map((t) => alertFor(t))), github);
    const feedback = await response.json<{ token_hash: string; label: string }[]>();
    expect(feedback).toEqual([
      { token_hash: await tokenHash(live.key), token_type: "podkeys_api_key", label: "true_positive" },
      { token_hash: await tokenHash(unknown), token_type: "podkeys_api_key", label: "false_positive" },
      { token_hash: await tokenHash(malformed), token_type: "podkeys_api_key", label: "false_positive" },
      { token_hash: await tokenHash(deleted.key), token_type: "podkeys_api_key", label: "false_positive" },
    ]);
    await expectError(await me(live.key), 401, "KEY_LEAKED");
    expect((await me(other.key)).status).toBe(200);
  });
});

describe("POST /api/leaks/github (security)", () => {
  it("a wrong signature: 401, nothing revoked", async () => {
    const { key } = await createKey(bob.cookie, "safe");
    const alert = body(alertFor(key));
    const forged = await sign(await newSigningKey(github.identifier), alert); // right identifier, someone else's key
    await expectError(await postAlert(path, alert, github, forged), 401, "INVALID_SIGNATURE");
    const tampered = await sign(github, body(alertFor(generateKey("podk")))); // GitHub's signature of another body
    await expectError(await postAlert(path, alert, github, tampered), 401, "INVALID_SIGNATURE");
    expect((await me(key)).status).toBe(200);
  });

  it("missing or garbage signature headers: 401", async () => {
    const { key } = await createKey(bob.cookie, "headers");
    const alert = body(alertFor(key));
    const unsigned = await callWith({ GITHUB_SCANNING_KEYS_URL: `http://github-keys.test${path}` }, "/api/leaks/github", {
      method: "POST",
      json: JSON.parse(alert),
    });
    await expectError(unsigned, 401, "INVALID_SIGNATURE");
    await expectError(await postAlert(path, alert, github, "bm90IGEgc2lnbmF0dXJl"), 401, "INVALID_SIGNATURE");
    await expectError(await postAlert(path, alert, github, "%%%"), 401, "INVALID_SIGNATURE");
    expect((await me(key)).status).toBe(200);
  });

  it("an identifier the key server does not know either: 401 after one refresh, and the key still works", async () => {
    const { key } = await createKey(bob.cookie, "stranger");
    const stranger = await newSigningKey();
    const before = await keyServerFetches(path);
    await expectError(await postAlert(path, body(alertFor(key)), stranger), 401, "INVALID_SIGNATURE");
    expect(await keyServerFetches(path)).toBe(before + 1);
    expect((await me(key)).status).toBe(200);
  });

  it("a new identifier (GitHub rotated its key): fetched again, then accepted; known ones are not fetched again", async () => {
    const rotatedPath = `/meta/public_keys/secret_scanning/${crypto.randomUUID()}`;
    await publishKeys(rotatedPath, [github]);
    const first = await createKey(bob.cookie, "first");
    expect((await postAlert(rotatedPath, body(alertFor(first.key)), github)).status).toBe(200);
    const second = await createKey(bob.cookie, "second");
    expect((await postAlert(rotatedPath, body(alertFor(second.key)), github)).status).toBe(200);
    expect(await keyServerFetches(rotatedPath)).toBe(1); // cached

    const next = await newSigningKey();
    await publishKeys(rotatedPath, [next, github]);
    const third = await createKey(bob.cookie, "third");
    const response = await postAlert(rotatedPath, body(alertFor(third.key)), next);
    expect(response.status).toBe(200);
    expect(await keyServerFetches(rotatedPath)).toBe(2);
    await expectError(await me(third.key), 401, "KEY_LEAKED");
  });

  it("badly signed alerts count against the address's failed-check limit (KEY_FAILURE_LIMITER)", async () => {
    const alert = body(alertFor(generateKey("podk")));
    const forged = await sign(await newSigningKey(github.identifier), alert);
    const from = { headers: { "cf-connecting-ip": "203.0.113.77" } };
    let status = 401;
    for (let i = 0; i < 70 && status === 401; i++) status = (await postAlert(path, alert, github, forged, from)).status;
    expect(status).toBe(429);
  });

  it("a key server that cannot be reached: 503 with Retry-After, nothing revoked", async () => {
    const { key } = await createKey(bob.cookie, "offline");
    const response = await postAlert(`/missing/${crypto.randomUUID()}`, body(alertFor(key)), github);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect((await me(key)).status).toBe(200);
  });
});
