import { describe, expect, it } from "vitest";
import { respond } from "../../src/http/pipeline";
import { call, env, expectError, ORIGIN } from "../helpers";

describe("the error shape", () => {
  it("answers unknown API paths with 404 in the standard shape", async () => {
    await expectError(await call("/api/nope"), 404, "NOT_FOUND");
    await expectError(await call("/api/keys", { method: "PUT" }), 404, "NOT_FOUND");
  });

  it("answers a missing body with a 4xx, not a crash", async () => {
    const response = await call("/api/auth/login", { method: "POST" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it("refuses bodies over 16 KB with 413", async () => {
    await expectError(
      await call("/api/auth/login", { method: "POST", json: { username: "x", password: "y".repeat(17_000) } }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
  });

  it("hides internal details of unexpected failures behind a bare 500", async () => {
    const boom = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secrets_table')");
    };
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const response = await respond(new Request(`${ORIGIN}/api/boom`), env, boom);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: "INTERNAL_ERROR", message: "Something went wrong on our side.", requestId: response.headers.get("x-request-id") },
      });
      expect(text).not.toContain("secrets_table");
      // The error line (its kind, a fixed message) and the request's line; neither holds the driver's message.
      expect(logged).toHaveLength(2);
      expect(JSON.stringify(logged)).not.toContain("secrets_table");
    } finally {
      console.error = original;
    }
  });
});
