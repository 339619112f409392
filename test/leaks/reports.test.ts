import { beforeAll, describe, expect, it } from "vitest";
import { generateKey, isWellFormedKey } from "../../src/identity/key-format";
import { call, callWith, createKey, createUser, expectError, rows, setupAdmin } from "../helpers";

let kim: { cookie: string; id: number };
beforeAll(async () => {
  const admin = await setupAdmin();
  kim = await createUser(admin.cookie, "kim");
});

const GITLAB_SECRET = "test-gitlab-revocation-token"; // vitest.config.ts
const TYPE = "gitleaks_rule_id_podkeys_api_key";
const me = (key: string) => call("/api/me", { key });

/** Waits (polling) until the key is refused as leaked: the public report revokes after its answer. */
async function waitUntilLeaked(key: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await me(key);
    if (response.status === 401) return expectError(response, 401, "KEY_LEAKED");
    if (Date.now() > deadline) throw new Error("the key was never revoked");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("GitLab token revocation API", () => {
  it("revocable_token_types lists the podk_ type, with the secret", async () => {
    const response = await call("/api/leaks/gitlab/v1/revocable_token_types", { headers: { authorization: GITLAB_SECRET } });
    expect(await response.json()).toEqual({ types: [TYPE] });
  });

  it("revoke_tokens with the secret revokes (idempotent: again is fine), ignoring other types", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "CI script");
    const other = await createKey(kim.cookie, "other type");
    const tokens = [
      { type: TYPE, token: key, location: "https://gitlab.example/kim/ci/-/blob/main/.gitlab-ci.yml#L4" },
      { type: "gitleaks_rule_id_gitlab_personal_access_token", token: other.key },
    ];
    for (let i = 0; i < 2; i++) {
      const response = await call("/api/leaks/gitlab/v1/revoke_tokens", {
        method: "POST",
        headers: { authorization: GITLAB_SECRET },
        json: tokens,
      });
      expect(response.status).toBe(204);
    }
    await expectError(await me(key), 401, "KEY_LEAKED");
    expect((await me(other.key)).status).toBe(200);
    const [row] = await rows<{ leak_source: string; leak_url: string }>(
      "SELECT leak_source, leak_url FROM api_keys WHERE id = ?",
      apiKey.id,
    );
    expect(row).toEqual({ leak_source: "gitlab", leak_url: tokens[0]!.location });
  });

  it.each([
    ["no secret", {}],
    ["a wrong secret", { authorization: "not-the-secret" }],
  ])("401 with %s, and nothing revoked", async (_, headers) => {
    const { key } = await createKey(kim.cookie, "kept");
    await expectError(
      await call("/api/leaks/gitlab/v1/revoke_tokens", { method: "POST", headers, json: [{ type: TYPE, token: key }] }),
      401,
      "INVALID_SIGNATURE",
    );
    await expectError(await call("/api/leaks/gitlab/v1/revocable_token_types", { headers }), 401, "INVALID_SIGNATURE");
    expect((await me(key)).status).toBe(200);
  });

  it("401 on a deployment without GITLAB_REVOCATION_TOKEN, whatever is sent", async () => {
    const response = await callWith({ GITLAB_REVOCATION_TOKEN: "" }, "/api/leaks/gitlab/v1/revocable_token_types", {
      headers: { authorization: "" },
    });
    await expectError(response, 401, "INVALID_SIGNATURE");
  });
});

describe("a leaked key that was narrowed", () => {
  it("is refused as leaked before its network fence and rate limit: never 403 or 429, never a slot taken", async () => {
    const { key } = await createKey(kim.cookie, "fenced and limited", {
      network: { cidrs: ["203.0.113.0/24"] },
      rateLimit: { requests: 1, periodSeconds: 3600 },
    });
    const revoke = await call("/api/leaks/gitlab/v1/revoke_tokens", {
      method: "POST",
      headers: { authorization: GITLAB_SECRET },
      json: [{ type: TYPE, token: key }],
    });
    expect(revoke.status).toBe(204);
    // Outside the fence: still KEY_LEAKED (the fence would say KEY_NETWORK_REFUSED).
    await expectError(await me(key), 401, "KEY_LEAKED");
    // Inside it, more often than the limit allows: KEY_LEAKED every time (the limit would say RATE_LIMITED, or let one through).
    for (let i = 0; i < 3; i++)
      await expectError(await call("/api/me", { key, headers: { "cf-connecting-ip": "203.0.113.9" } }), 401, "KEY_LEAKED");
  });
});

describe("POST /api/keys/report", () => {
  it("answers byte-identical bodies for a live key, a dead key and garbage; the live key is revoked", async () => {
    const live = await createKey(kim.cookie, "pasted");
    const dead = await createKey(kim.cookie, "dead");
    await call(`/api/keys/${dead.apiKey.id}`, { method: "DELETE", cookie: kim.cookie });
    const answers = [];
    for (const key of [live.key, dead.key, "garbage", generateKey("podk")]) {
      const response = await call("/api/keys/report", { method: "POST", json: { key, url: "https://forum.example/t/123" } });
      answers.push({ status: response.status, type: response.headers.get("content-type"), body: await response.text() });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 202, type: "application/json", body: '{"received":true}' });
    await waitUntilLeaked(live.key);
    const [row] = await rows<{ leak_source: string; leak_url: string }>(
      "SELECT leak_source, leak_url FROM api_keys WHERE id = ?",
      live.apiKey.id,
    );
    expect(row).toEqual({ leak_source: "report", leak_url: "https://forum.example/t/123" });
  });

  it("never stores a key given as the URL", async () => {
    const { key, apiKey } = await createKey(kim.cookie, "sneaky");
    const other = generateKey("podk");
    await call("/api/keys/report", { method: "POST", json: { key, url: `https://paste.example/?k=${other}` } });
    await waitUntilLeaked(key);
    const [row] = await rows<{ leak_url: string }>("SELECT leak_url FROM api_keys WHERE id = ?", apiKey.id);
    expect(row?.leak_url).toBe("https://paste.example/?k=[key removed]");
    const [event] = await rows<{ detail: string }>(
      "SELECT detail FROM audit_events WHERE type = 'key.leaked' AND target_id = ?",
      apiKey.id,
    );
    expect(event?.detail).not.toContain(other);
  });

  it("is rate-limited per address (LEAK_REPORT_LIMITER)", async () => {
    let refused = 0;
    for (let i = 0; i < 25 && refused === 0; i++) {
      const response = await call("/api/keys/report", {
        method: "POST",
        headers: { "cf-connecting-ip": "198.51.100.21" },
        json: { key: "garbage" },
      });
      if (response.status === 429) refused++;
    }
    expect(refused).toBe(1);
  });
});

describe("GET /api/keys/format", () => {
  it("publishes a regex that matches every key Podkeys makes, and a test key that validates", async () => {
    const format = await (await call("/api/keys/format")).json<{
      prefix: string;
      regex: string;
      anchoredRegex: string;
      testKey: string;
      length: number;
    }>();
    expect(format.prefix).toBe("podk");
    const { key } = await createKey(kim.cookie, "format");
    for (const made of [key, ...Array.from({ length: 200 }, () => generateKey("podk"))]) {
      expect(made).toMatch(new RegExp(format.anchoredRegex));
      expect(`export TOKEN=${made}\n`.match(new RegExp(format.regex))?.[0]).toBe(made);
      expect(made).toHaveLength(format.length);
    }
    expect(isWellFormedKey(format.testKey, "podk")).toBe(true);
    expect(format.testKey).toMatch(new RegExp(format.anchoredRegex));
    // It belongs to no one.
    expect((await call("/api/keys/verify", { method: "POST", json: { key: format.testKey } })).status).toBe(200);
    expect(await (await call("/api/keys/verify", { method: "POST", json: { key: format.testKey } })).json()).toEqual({
      valid: false,
      code: "NOT_FOUND",
    });
  });

  it("follows KEY_PREFIX", async () => {
    const format = await (await callWith({ KEY_PREFIX: "acme" }, "/api/keys/format")).json<{ testKey: string; prefix: string }>();
    expect(format.prefix).toBe("acme");
    expect(isWellFormedKey(format.testKey, "acme")).toBe(true);
  });
});
