import { describe, expect, it } from "vitest";
import { createKey, PASSWORD, setupAdmin } from "../helpers";
import { apiKey, basic, everyStoredValue, gateway, linkedUser, ORIGIN_USERS } from "./support";

describe("secrets at rest", () => {
  it("D1 holds neither the origin key nor any password nor a Podkeys key in plain text after linking and use", async () => {
    const admin = await setupAdmin("admin");
    const bob = await linkedUser(admin.cookie, "bob");
    const { key } = await createKey(bob.cookie, "app");
    const signIn = await (await gateway("/api/data/get_key", { headers: basic("bob") })).json<{ retrieved_key: string }>();
    expect((await gateway("/api/data/return_pods/7", { headers: apiKey(signIn.retrieved_key) })).status).toBe(200);

    const stored = await everyStoredValue();
    expect(stored).toContain("origin_links"); // the dump did read the link table
    expect(stored).toMatch(/"origin_key_sealed":"v1\./);
    for (const secret of [ORIGIN_USERS.bob.key, ORIGIN_USERS.bob.password, PASSWORD, key, signIn.retrieved_key]) {
      expect(stored.includes(secret), `found ${secret.slice(0, 12)}… in D1`).toBe(false);
    }
    // Not even in another encoding a careless implementation might pick.
    expect(stored.includes(btoa(ORIGIN_USERS.bob.key))).toBe(false);
  });
});
