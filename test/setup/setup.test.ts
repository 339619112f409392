import { describe, expect, it } from "vitest";
import { call, expectError, PASSWORD, SETUP_TOKEN, sessionCookie } from "../helpers";

describe("GET /api/setup and POST /api/setup", () => {
  it("says setup is needed on a fresh database", async () => {
    const response = await call("/api/setup");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ needed: true, pinepodsAccounts: false });
  });

  it("refuses a missing or wrong token with 403", async () => {
    await expectError(
      await call("/api/setup", { method: "POST", json: { token: "nope", username: "admin", password: PASSWORD } }),
      403,
      "INVALID_SETUP_TOKEN",
    );
    await expectError(
      await call("/api/setup", { method: "POST", json: { username: "admin", password: PASSWORD } }),
      400,
      "VALIDATION_ERROR",
    );
    expect(await (await call("/api/setup")).json()).toEqual({ needed: true, pinepodsAccounts: false });
  });

  it("validates the username and password", async () => {
    await expectError(
      await call("/api/setup", { method: "POST", json: { token: SETUP_TOKEN, username: "admin", password: "short" } }),
      400,
      "VALIDATION_ERROR",
    );
    await expectError(
      await call("/api/setup", { method: "POST", json: { token: SETUP_TOKEN, username: "bad name!", password: PASSWORD } }),
      400,
      "VALIDATION_ERROR",
    );
  });

  it("creates the first admin and signs them in", async () => {
    const response = await call("/api/setup", { method: "POST", json: { token: SETUP_TOKEN, username: "owner", password: PASSWORD } });
    expect(response.status).toBe(201);
    const body = await response.json<{ user: { id: number; username: string; role: string } }>();
    expect(body.user).toMatchObject({ username: "owner", role: "admin" });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("podkeys_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await call("/api/me", { cookie: sessionCookie(response) });
    expect(await me.json()).toMatchObject({ user: { username: "owner", role: "admin" }, via: "session" });
  });

  it("answers the same 409 for the right and a wrong token once set up, so the token cannot be confirmed", async () => {
    const attempt = async (token: string) => {
      const response = await call("/api/setup", { method: "POST", json: { token, username: "intruder", password: PASSWORD } });
      const { error } = await response.json<{ error: { requestId?: string } }>();
      return { status: response.status, body: { ...error, requestId: undefined } };
    };
    const right = await attempt(SETUP_TOKEN);
    expect(right.status).toBe(409);
    expect(await attempt("a wrong guess")).toEqual(right);
  });

  it("answers 409 once any user exists, and reports setup as done", async () => {
    await expectError(
      await call("/api/setup", { method: "POST", json: { token: SETUP_TOKEN, username: "intruder", password: PASSWORD } }),
      409,
      "ALREADY_SET_UP",
    );
    expect(await (await call("/api/setup")).json()).toEqual({ needed: false, pinepodsAccounts: false });
  });
});
