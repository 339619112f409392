import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { haveChromium } from "./chromium";
import {
  callWithKey,
  createKeyInUi,
  expand,
  expectAccessible,
  keyRows,
  newPerson,
  PASSWORD,
  podkeysInChromium,
  screenshot,
  signIn,
} from "./helpers";

describe.skipIf(!haveChromium)("whose keys each person sees, and managing users", () => {
  const stage = podkeysInChromium({ admin: true });
  let admin: Page;
  let bob: Page;
  let bobSecret: string;

  beforeAll(async () => {
    ({ page: admin } = await newPerson(stage));
    ({ page: bob } = await newPerson(stage));
    await signIn(admin, "admin");
  });

  it("lets the administrator create a standard user", async () => {
    await expand(admin, "Users");
    await admin.getByLabel("Username").fill("bob");
    await admin.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await admin.getByRole("button", { name: "Create user" }).click();
    await admin.getByText("bob can now sign in.").waitFor();
    expect(await admin.getByLabel("Role of bob").inputValue()).toBe("user");
    await screenshot(admin, "10-users");
    await expectAccessible(admin, "the Users section");
  });

  it("shows a standard user only their own keys, with no owner column and no admin sections", async () => {
    await expand(admin, "API Keys");
    await createKeyInUi(admin, "Admin laptop");
    await admin.getByRole("button", { name: "Done" }).click();

    await signIn(bob, "bob");
    await expand(bob, "API Keys");
    bobSecret = await createKeyInUi(bob, "Bob phone");
    await bob.getByRole("button", { name: "Done" }).click();

    expect((await keyRows(bob)).map((row) => row[0])).toEqual(["Bob phone"]);
    expect(await bob.getByRole("columnheader", { name: "Owner" }).count()).toBe(0);
    expect(await bob.getByLabel("Show keys of").count()).toBe(0);
    expect(await bob.getByLabel("Unused for 90 days").count()).toBe(0);
    expect(await bob.getByRole("button", { name: /^Users/ }).count()).toBe(0);
    await screenshot(bob, "11-standard-user-keys");
  });

  it("shows a standard user the activity of their own keys only, and the administrator everyone's", async () => {
    await expand(bob, "Activity");
    await bob.locator(".event-list").waitFor();
    // Their key, and their own account's creation: nothing about the administrator's key.
    // Sign-ins ("Signed in: bob") are events about the account too; this test is about keys and users.
    const notSignIns = (texts: string[]) => texts.filter((text) => !text.startsWith("Signed in"));
    expect(notSignIns(await bob.locator(".event-list > li").allTextContents())).toEqual([
      // Each name once: "of bob" would repeat "by bob"; the hint tells same-named keys apart.
      expect.stringMatching(/^Key created: “Bob phone” podk_…\w{4}.* by bob/),
      expect.stringMatching(/^User created: bob → standard user.* by admin/),
    ]);
    expect((await bob.locator(".event-list > li").allTextContents())[0]).not.toContain("of bob");
    await expectAccessible(bob, "a standard user's activity");

    await expand(admin, "Activity");
    await expect
      .poll(async () => notSignIns(await admin.locator(".event-list > li").allTextContents()))
      .toEqual([
        expect.stringMatching(/^Key created: “Bob phone” podk_…\w{4}/),
        expect.stringMatching(/^Key created: “Admin laptop” podk_…\w{4}/),
        expect.stringMatching(/^User created: bob → standard user.* by admin/),
        expect.stringMatching(/^User created: admin → administrator.* at first-run setup/),
      ]);
  });

  it("shows the administrator every key with its owner, and filters by user", async () => {
    await admin.reload();
    await expand(admin, "API Keys");
    await admin.getByRole("columnheader", { name: "Owner" }).waitFor();
    const rows = await keyRows(admin);
    expect(rows.map(([name, , owner]) => [name, owner])).toEqual([
      ["Bob phone", "bob"],
      ["Admin laptop", "admin"],
    ]);
    await screenshot(admin, "12-admin-all-keys");
    await expectAccessible(admin, "the administrator's key list");

    await admin.getByLabel("Show keys of").selectOption({ label: "bob" });
    await expect.poll(async () => (await keyRows(admin)).map((row) => row[0])).toEqual(["Bob phone"]);
    await admin.getByLabel("Show keys of").selectOption({ label: "All users" });
    await expect.poll(async () => (await keyRows(admin)).length).toBe(2);
  });

  it("changes a user's role after a confirmation, and the change holds after a reload", async () => {
    await expand(admin, "Users");
    await admin.getByLabel("Role of bob").selectOption("admin");
    await admin.getByRole("dialog", { name: "Make bob an administrator?" }).getByRole("button", { name: "Change role" }).click();
    await admin.getByText("bob is now an administrator.").waitFor();
    await admin.reload();
    await expand(admin, "Users");
    expect(await admin.getByLabel("Role of bob").inputValue()).toBe("admin");
    await admin.getByLabel("Role of bob").selectOption("user");
    await admin.getByRole("dialog", { name: "Make bob a standard user?" }).getByRole("button", { name: "Change role" }).click();
    await admin.getByText("bob is now a standard user.").waitFor();
    expect(await admin.getByLabel("Role of bob").inputValue()).toBe("user");
  });

  it("refuses to demote the last administrator, and says why", async () => {
    await admin.getByLabel("Role of admin").selectOption("user");
    await admin.getByRole("dialog", { name: "Make admin a standard user?" }).getByRole("button", { name: "Change role" }).click();
    await admin.getByText("last administrator").waitFor();
    await expect.poll(() => admin.getByLabel("Role of admin").inputValue()).toBe("admin");
  });

  it("deletes a user only after a confirmation that names what goes with them", async () => {
    await admin.getByRole("button", { name: "Delete user bob" }).click();
    const confirm = admin.getByRole("dialog", { name: "Delete user “bob”?" });
    await expect.poll(() => confirm.textContent()).toContain("their 1 API key");
    expect(await confirm.textContent()).toContain("signs them out everywhere");
    await screenshot(admin, "13-delete-user-confirm");
    await expectAccessible(admin, "the delete-user confirmation");
    await confirm.getByRole("button", { name: "Delete user" }).click();
    await confirm.waitFor({ state: "detached" });
    await expect.poll(() => admin.getByLabel("Role of bob").count()).toBe(0);

    expect((await callWithKey(stage.server.origin, bobSecret)).status).toBe(401);
    await admin.getByRole("button", { name: /^API Keys/ }).click(); // collapse
    await expand(admin, "API Keys");
    expect((await keyRows(admin)).map((row) => row[0])).toEqual(["Admin laptop"]);
  });

  it("sends a person whose session ended back to sign-in", async () => {
    // bob was deleted above, and his session with him.
    await bob.getByRole("button", { name: "Create API key" }).click();
    await bob.getByRole("dialog").getByLabel("Name").fill("Too late");
    await bob.getByRole("button", { name: "Create key" }).click();
    await bob.getByText("Your session has ended. Sign in again.").waitFor();
  });
});
