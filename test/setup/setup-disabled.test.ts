import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { PASSWORD } from "../helpers";

describe("POST /api/setup without a configured SETUP_TOKEN", () => {
  it("refuses setup, so nobody can claim a fresh public deployment", async () => {
    const { SETUP_TOKEN: _, ...withoutToken } = env;
    const response = await app.request(
      "/api/setup",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: "", username: "early", password: PASSWORD }),
      },
      withoutToken,
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "SETUP_DISABLED" } });
  });
});
