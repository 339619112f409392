import { describe, expect, it } from "vitest";
import { call, createKey, setupAdmin } from "./helpers";

describe("smoke", () => {
  it("works", async () => {
    expect((await call("/healthz")).status).toBe(200);
    const admin = await setupAdmin();
    const { key } = await createKey(admin.cookie);
    const me = await call("/api/me", { key });
    expect(me.status).toBe(200);
    console.log(await me.json());
  });
});
