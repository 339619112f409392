import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiKey } from "../api";
import { KeyTable } from "./key-table";

const NOW = Date.parse("2026-03-10T12:00:00.000Z");
const DAY = 86_400_000;

const key = (over: Partial<ApiKey> = {}): ApiKey => ({
  id: 7,
  name: "Kodi living room",
  scope: "read",
  kind: "settings",
  enabled: true,
  expiresAt: null,
  hint: "podk_…a1B2",
  createdAt: "2026-03-01T12:00:00.000Z",
  lastUsedAt: null,
  lastUsedCountry: null,
  owner: { id: 2, username: "bob" },
  note: null,
  replacedById: null,
  // The scope's shorthand, as the API answers it.
  permissions: Object.fromEntries(
    ["podcasts", "playback", "feeds", "downloads", "settings", "keys"].map((group) => [group, over.scope === "full" ? "write" : "read"]),
  ),
  podcastIds: null,
  network: null,
  rateLimit: null,
  leak: null,
  ...over,
});

const table = (keys: ApiKey[], props: Partial<Parameters<typeof KeyTable>[0]> = {}) =>
  render(<KeyTable keys={keys} showOwner={false} now={NOW} onAction={() => {}} {...props} />);

/** The text of one column's cells, by its data-label. */
const column = (label: string) => [...document.querySelectorAll(`td[data-label="${label}"]`)].map((cell) => cell.textContent);

afterEach(cleanup);

describe("KeyTable", () => {
  it("shows each key's name, hint and dates, and 'never' for a key not used yet", () => {
    table([key(), key({ id: 8, name: "Phone", hint: "podk_…z9Y8", lastUsedAt: "2026-03-02T08:30:00.000Z" })]);
    expect(screen.getByText("podk_…a1B2", { selector: "code" })).toBeTruthy();
    expect(screen.getAllByText("never")).toHaveLength(1);
    const times = [...document.querySelectorAll("time")].map((time) => time.getAttribute("datetime"));
    expect(times).toContain("2026-03-02T08:30:00.000Z");
  });

  it("labels keys minted by a Pinepods sign-in, and only those", () => {
    table([key({ id: 1, name: "Sign-in from PinepodsMobile", kind: "sign_in" }), key({ id: 2, name: "Kodi" })]);
    const labels = [...document.querySelectorAll(".badge-sign-in")];
    expect(labels).toHaveLength(1);
    expect(labels[0]!.closest("th")!.textContent).toContain("Sign-in from PinepodsMobile");
  });

  it("has an Owner column for administrators only", () => {
    table([key()]);
    expect(screen.queryByRole("columnheader", { name: "Owner" })).toBeNull();
    cleanup();
    table([key()], { showOwner: true });
    expect(screen.getByRole("columnheader", { name: "Owner" })).toBeTruthy();
    expect(screen.getByText("bob")).toBeTruthy();
  });

  it("says each key's access and state in words: active, expiring soon, expiring later, expired, disabled", () => {
    table([
      key({ id: 1, scope: "full" }),
      key({ id: 2, expiresAt: new Date(NOW + 3 * DAY).toISOString() }),
      key({ id: 3, expiresAt: "2026-12-24T12:00:00.000Z" }),
      key({ id: 4, expiresAt: new Date(NOW - 1000).toISOString() }),
      key({ id: 5, enabled: false }),
      // Expired wins over disabled: enabling it would not bring it back.
      key({ id: 6, enabled: false, expiresAt: new Date(NOW - DAY).toISOString() }),
    ]);
    expect(column("Access")).toEqual(["Full access", "Read only", "Read only", "Read only", "Read only", "Read only"]);
    const status = column("Status");
    expect(status.slice(0, 2)).toEqual(["Active", "Expires in 3 days"]);
    expect(status[2]).toMatch(/^Expires .*2026$/);
    expect(status.slice(3)).toEqual(["Expired", "Disabled", "Expired"]);
    // Colour is a second signal only: a warning within 7 days, and past expiry.
    const tones = [...document.querySelectorAll(".status")].map((element) => element.className.replace("status status-", ""));
    expect(tones).toEqual(["active", "expiring", "active", "expired", "disabled", "expired"]);
  });

  it("shows the last use relative to now, the exact time as a tooltip, and the country where known", () => {
    table([key({ lastUsedAt: new Date(NOW - 3 * 60_000).toISOString(), lastUsedCountry: "DE" })]);
    const time = document.querySelector('td[data-label="Last used"] time')!;
    expect(time.textContent).toBe("3 minutes ago");
    expect(time.getAttribute("title")).toMatch(/2026/);
    expect(column("Last used")[0]).toContain("Germany");
  });

  it("offers the actions a key's state allows, each named with the key, and hands the choice to onAction", () => {
    const onAction = vi.fn();
    table(
      [
        key({ id: 1, name: "Phone" }),
        key({ id: 2, name: "Old tablet", enabled: false }),
        key({ id: 3, name: "Gone", expiresAt: new Date(NOW - DAY).toISOString() }),
      ],
      { onAction },
    );
    const names = (menu: string) =>
      [...screen.getByRole("button", { name: `Actions for ${menu}` }).parentElement!.querySelectorAll(".menu button")].map(
        (b) => b.textContent,
      );
    expect(names("Phone")).toEqual(["Roll Phone", "Disable Phone", "Rename Phone", "Usage Phone", "Delete Phone"]);
    expect(names("Old tablet")).toEqual(["Enable Old tablet", "Rename Old tablet", "Usage Old tablet", "Delete Old tablet"]);
    expect(names("Gone")).toEqual(["Renew Gone", "Usage Gone", "Delete Gone"]);

    const toggle = screen.getByRole("button", { name: "Actions for Phone" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Disable Phone" }));
    expect(onAction).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }), "disable");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(toggle);
  });

  it("closes the actions menu with Esc, returning focus to its button", () => {
    table([key()]);
    const toggle = screen.getByRole("button", { name: "Actions for Kodi living room" });
    fireEvent.click(toggle);
    expect(document.activeElement?.textContent).toBe("Roll Kodi living room");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(document.activeElement?.textContent).toBe("Disable Kodi living room");
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(toggle);
  });

  it("marks a rolled pair with each other's hint, and offers the old key its Usage and Delete", () => {
    table([
      key({ id: 9, name: "Kodi", hint: "podk_…NEW1" }),
      key({ id: 8, name: "Kodi", hint: "podk_…OLD1", replacedById: 9, expiresAt: new Date(NOW + 3_600_000).toISOString() }),
    ]);
    const [successor, old] = screen.getAllByRole("rowheader").map((cell) => cell.textContent);
    expect(successor).toBe("Kodireplacement of podk_…OLD1");
    expect(old).toBe("Kodireplaced by podk_…NEW1");
    expect(column("Status")[1]).toBe("Replaced, stops in 1 hour");
    const menus = screen.getAllByRole("button", { name: "Actions for Kodi" });
    expect([...menus[1]!.parentElement!.querySelectorAll(".menu button")].map((b) => b.textContent)).toEqual(["Usage Kodi", "Delete Kodi"]);
  });

  it("offers Renew for an expiring key and an expired one, not for one with months left", () => {
    table([
      key({ id: 1, name: "Soon", expiresAt: new Date(NOW + 3 * 86_400_000).toISOString() }),
      key({ id: 2, name: "Gone", expiresAt: new Date(NOW - 60_000).toISOString() }),
      key({ id: 3, name: "Later", expiresAt: new Date(NOW + 200 * 86_400_000).toISOString() }),
    ]);
    const menu = (name: string) =>
      [...screen.getByRole("button", { name: `Actions for ${name}` }).parentElement!.querySelectorAll(".menu button")].map(
        (b) => b.textContent,
      );
    expect(menu("Soon")).toEqual(["Renew Soon", "Roll Soon", "Disable Soon", "Rename Soon", "Usage Soon", "Delete Soon"]);
    expect(menu("Gone")).toEqual(["Renew Gone", "Usage Gone", "Delete Gone"]);
    expect(menu("Later")).not.toContain("Renew Later");
  });

  it("shows a leaked key as leaked, who reported it and where, and offers only Create a replacement, Usage and Delete", () => {
    const onAction = vi.fn();
    const leak = {
      at: new Date(NOW - 2 * 3_600_000).toISOString(),
      source: "github" as const,
      url: "https://github.com/bob/dots/blob/main/.env",
    };
    table([key({ id: 4, name: "Leaky", enabled: false, leak })], { onAction });
    expect(column("Status")[0]).toBe("Leaked — revoked 2 hours agoreported by GitHub at https://github.com/bob/dots/blob/main/.env");
    const toggle = screen.getByRole("button", { name: "Actions for Leaky" });
    expect([...toggle.parentElement!.querySelectorAll(".menu button")].map((b) => b.textContent)).toEqual([
      "Create a replacement Leaky",
      "Usage Leaky",
      "Delete Leaky",
    ]);
    fireEvent.click(toggle);
    fireEvent.click(screen.getByRole("button", { name: "Create a replacement Leaky" }));
    expect(onAction).toHaveBeenCalledWith(expect.objectContaining({ id: 4 }), "replace");
  });

  it("shows a disabled key's expiry date, and a note under the name as text", () => {
    table([key({ enabled: false, expiresAt: "2026-12-24T12:00:00.000Z", note: "<b>box</b> under the TV" })]);
    expect(column("Status")[0]).toMatch(/^DisabledExpires .*2026$/);
    expect(screen.getByRole("rowheader").textContent).toBe("Kodi living room<b>box</b> under the TV");
  });

  it("sorts by a column header, saying so with aria-sort", () => {
    const onSort = vi.fn();
    table([key()], { sort: { column: "name", direction: "ascending" }, onSort });
    expect(screen.getByRole("columnheader", { name: "Name" }).getAttribute("aria-sort")).toBe("ascending");
    expect(screen.getByRole("columnheader", { name: "Created" }).getAttribute("aria-sort")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Created" }));
    expect(onSort).toHaveBeenCalledWith("created");
  });

  it("renders a name made of markup as text", () => {
    const name = `<img src=x onerror="alert(1)"><b>bold</b>`;
    table([key({ name })]);
    expect(screen.getByRole("rowheader").textContent).toBe(name);
    expect(document.querySelector("img, b")).toBeNull();
  });
});
