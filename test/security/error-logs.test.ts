import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { failingD1 } from "../failing-d1";
import { type CallInit, callWith, env, ORIGIN, PASSWORD, setupAdmin } from "../helpers";
import { capturedLogs } from "./log-capture";

/**
 * A failing query's error from the driver reads `Failed query: <sql> params: <values>`, and those
 * values are what the statement was writing: a PBKDF2 hash, a session's hash. Each failure below is
 * injected into the real D1 under one statement of a real request; the log must name the failure's
 * kind and the request, and hold nothing of what the statement carried.
 */
const NEW_PASSWORD = "a brand new password";

let admin: { cookie: string; id: number };
beforeAll(async () => {
  admin = await setupAdmin();
});

function sessionToken(cookie: string) {
  return cookie.split("=")[1]!;
}

async function failing(statement: RegExp, path: string, init: CallInit) {
  const before = capturedLogs().length;
  const response = await callWith({ DB: failingD1(env.DB, statement) }, path, init);
  const lines = capturedLogs().slice(before);
  return { response, body: await response.text(), lines, text: lines.join("\n") };
}

/** What none of the failures may write to the log, whatever the statement was. */
async function expectCleanLog({ response, body, lines, text }: Awaited<ReturnType<typeof failing>>, secrets: string[]) {
  // D1 failing is a dependency's failure: 503 with Retry-After (fail closed), in the one shape.
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toMatch(/^[1-9][0-9]*$/);
  const requestId = response.headers.get("x-request-id");
  expect(JSON.parse(body)).toEqual({ error: { code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("Try again"), requestId } });
  expect(lines.map((line) => JSON.parse(line))).toContainEqual({
    level: "error",
    requestId,
    code: "SERVICE_UNAVAILABLE",
    // "DrizzleQueryError → Error" for a lone drizzle statement; "Error" for a multi-statement change,
    // which runs as one D1 batch (src/db/transaction.ts).
    error: expect.stringMatching(/^(DrizzleQueryError → )?Error$/),
    message: expect.any(String),
  });
  for (const leak of ["params:", "Failed query", "pbkdf2", "D1_ERROR", "insert into", "delete from", "update "]) {
    expect(text, `the log holds "${leak}"`).not.toContain(leak);
  }
  for (const secret of secrets) expect(text.includes(secret), `the log holds a secret (${secret.slice(0, 6)}…)`).toBe(false);
  const hashes = await env.DB.prepare("SELECT password_hash AS h FROM users").all<{ h: string }>();
  for (const { h } of hashes.results) for (const part of [h, ...h.split("$").slice(2)]) expect(text).not.toContain(part);
}

describe("the log of a request whose D1 write fails", () => {
  it("holds no PBKDF2 material when a password change fails", async () => {
    const result = await failing(/^update "users"/, "/api/me/password", {
      method: "POST",
      cookie: admin.cookie,
      headers: { origin: ORIGIN },
      json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    await expectCleanLog(result, [NEW_PASSWORD, PASSWORD]);
  });

  it("holds no session hash when a password change's clean-up of other sessions fails", async () => {
    const result = await failing(/^delete from "sessions"/, "/api/me/password", {
      method: "POST",
      cookie: admin.cookie,
      json: { currentPassword: PASSWORD, newPassword: PASSWORD },
    });
    await expectCleanLog(result, [await sha256Hex(sessionToken(admin.cookie))]);
  });

  it("holds no PBKDF2 material when creating a user fails", async () => {
    const result = await failing(/^insert into "users"/, "/api/users", {
      method: "POST",
      cookie: admin.cookie,
      json: { username: "dora", password: NEW_PASSWORD },
    });
    await expectCleanLog(result, [NEW_PASSWORD]);
  });

  it("holds no session hash when a sign-in's session cannot be stored", async () => {
    const result = await failing(/^insert into "?sessions"?/i, "/api/auth/login", {
      method: "POST",
      json: { username: "admin", password: PASSWORD },
    });
    await expectCleanLog(result, [PASSWORD]);
    expect(result.response.headers.getSetCookie()).toEqual([]);
  });

  it("holds no session hash when signing out fails", async () => {
    const result = await failing(/^delete from "sessions"/, "/api/auth/logout", { method: "POST", cookie: admin.cookie });
    await expectCleanLog(result, [await sha256Hex(sessionToken(admin.cookie))]);
  });
});
