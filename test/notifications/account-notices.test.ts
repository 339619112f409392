import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { WRONG_CODES_BEFORE_LOCK } from "../../src/services/auth/second-factor-lockout";
import { call, callWith, createKey, createUser, enableTwoFactor, env, ORIGIN, PASSWORD, setupAdmin, totpCode } from "../helpers";
import { freshTopic, received, subscribe, waitForMessages } from "./support";

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

/** A sign-in as Cloudflare would hand it over (request.cf.country set by the edge); waits for its after-answer work. */
async function signInFrom(username: string, country: string) {
  const request = new Request(`${ORIGIN}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
    cf: { country },
  } as RequestInit);
  const ctx = createExecutionContext();
  const response = await worker.fetch(request as Parameters<typeof worker.fetch>[0], env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe("notifications as things happen", () => {
  it("a key created through a key (not the settings page)", async () => {
    const eve = await createUser(admin.cookie, "eve");
    const topic = freshTopic();
    await subscribe(eve.cookie, topic, ["key_created_by_key"]);
    const parent = await createKey(eve.cookie, "deploy bot", { scope: "full" });
    await createKey(eve.cookie, "made in settings");
    const child = await call("/api/keys", { method: "POST", key: parent.key, json: { name: "made by the bot" } });
    const { key, apiKey } = await child.json<{ key: string; apiKey: { hint: string } }>();
    const [message, ...more] = await waitForMessages(topic);
    expect(more).toEqual([]);
    expect(message?.message).toBe(
      `The key "made by the bot" (${apiKey.hint}) was created through your key "deploy bot", not the settings page.`,
    );
    expect(JSON.stringify(message)).not.toContain(key);
  });

  it("two-factor turned off", async () => {
    const fay = await createUser(admin.cookie, "fay");
    const topic = freshTopic();
    await subscribe(fay.cookie, topic, ["two_factor_disabled"]);
    const { secret } = await enableTwoFactor(fay.cookie);
    const off = await call("/api/me/two-factor", { method: "DELETE", cookie: fay.cookie, json: { code: await totpCode(secret, 1) } });
    expect(off.status).toBe(204);
    const [message] = await waitForMessages(topic);
    expect(message?.title).toBe("Two-factor sign-in turned off");
  });

  it("a sign-in from a country not seen for the account before (the first one is the baseline)", async () => {
    const gus = await createUser(admin.cookie, "gus");
    const topic = freshTopic();
    await subscribe(gus.cookie, topic, ["sign_in_new_country"]);
    expect((await signInFrom("gus", "NL")).status).toBe(200);
    expect((await signInFrom("gus", "NL")).status).toBe(200);
    expect((await signInFrom("gus", "BR")).status).toBe(200);
    const [message] = await waitForMessages(topic);
    expect(message?.title).toBe("Sign-in from a new country: BR");
    expect((await signInFrom("gus", "BR")).status).toBe(200);
    expect((await signInFrom("gus", "NL")).status).toBe(200);
    expect((await received(topic)).map((m) => m.title)).toEqual(["Sign-in from a new country: BR"]);
  });

  it("the account's second step locked after wrong codes (whoever typed them had the password)", async () => {
    const hal = await createUser(admin.cookie, "hal");
    const topic = freshTopic();
    await subscribe(hal.cookie, topic, ["second_factor_locked"]);
    const { secret } = await enableTwoFactor(hal.cookie);
    const wrong = (await totpCode(secret)) === "000000" ? "000001" : "000000";
    // The per-minute sign-in limiters are off so that 10 wrong codes reach the account's own lock.
    const noLimiters = { SIGN_IN_USER_LIMITER: undefined, SIGN_IN_ADDRESS_LIMITER: undefined };
    let last: Response | undefined;
    for (let i = 0; i < WRONG_CODES_BEFORE_LOCK; i++) {
      const login = await callWith(noLimiters, "/api/auth/login", { method: "POST", json: { username: "hal", password: PASSWORD } });
      const { mfaToken } = await login.json<{ mfaToken: string }>();
      last = await callWith(noLimiters, "/api/auth/login/two-factor", { method: "POST", json: { mfaToken, code: wrong } });
    }
    expect(last?.status).toBe(429);
    const [message, ...more] = await waitForMessages(topic);
    expect(more).toEqual([]);
    expect(message?.title).toBe("Two-factor sign-in locked after wrong codes");
    expect(message?.message).toContain("10 wrong two-factor codes in a row");
    expect(message?.message).not.toContain(wrong);
  });
});
