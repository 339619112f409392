import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AuditEvent } from "../api";
import { ACTIVITY_PAGE_SIZE, Activity } from "./activity-section";

const event = (id: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  id,
  type: "key.created",
  createdAt: new Date(Date.now() - 3 * 60_000).toISOString(),
  actor: { id: 1, username: "admin", keyId: null },
  target: { type: "key", id: 10 + id, name: `Key ${id}` },
  targetOwner: { id: 2, username: "bob" },
  detail: null,
  ip: "203.0.113.7",
  ...over,
});

/** Answers each request with the next page, and records the URLs asked. */
function pages(...bodies: unknown[]) {
  const fetch = vi.fn();
  for (const body of bodies) {
    fetch.mockResolvedValueOnce(
      body instanceof Error ? Promise.reject(body) : new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } }),
    );
  }
  vi.stubGlobal("fetch", fetch);
  return () => fetch.mock.calls.map(([url]) => String(url));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Activity", () => {
  it("says each event in plain words: what, to which key and whose, when, by whom (through which key) and from where", async () => {
    pages({
      events: [
        event(3, { type: "auth.login_failed", actor: null, target: { type: "user", id: 2, name: "bob" } }),
        event(2, { type: "key.disabled", actor: { id: 2, username: "bob", keyId: 41 } }),
        event(1, { type: "user.role_changed", target: { type: "user", id: 2, name: "bob" }, detail: "role=admin" }),
      ],
      nextCursor: null,
    });
    render(<Activity isAdmin />);
    const items = await screen.findAllByRole("listitem");
    const texts = items.map((item) => item.textContent);
    expect(texts[0]).toMatch(/^Sign-in failed: bob3 minutes ago \(.+\) · by someone not signed in · from 203\.0\.113\.7$/);
    expect(texts[1]).toMatch(/^Key disabled: “Key 2” of bob.* by bob via key #41 · from 203\.0\.113\.7$/);
    expect(texts[2]).toMatch(/^Role changed: bob → administrator/);
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("loads the next page from nextCursor and appends it, until there is none", async () => {
    const first = Array.from({ length: ACTIVITY_PAGE_SIZE }, (_, index) => event(100 - index));
    const urls = pages({ events: first, nextCursor: "81" }, { events: [event(80), event(79)], nextCursor: null });
    render(<Activity isAdmin={false} />);
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(ACTIVITY_PAGE_SIZE));
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(ACTIVITY_PAGE_SIZE + 2));
    expect(urls()).toEqual([`/api/audit?limit=${ACTIVITY_PAGE_SIZE}`, `/api/audit?cursor=81&limit=${ACTIVITY_PAGE_SIZE}`]);
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("says so when nothing has happened yet", async () => {
    pages({ events: [], nextCursor: null });
    render(<Activity isAdmin={false} />);
    expect(await screen.findByText("Nothing has happened yet")).toBeTruthy();
  });

  it("shows a failure with a way to try again", async () => {
    pages(new TypeError("offline"), { events: [event(1)], nextCursor: null });
    render(<Activity isAdmin={false} />);
    expect((await screen.findByRole("alert")).textContent).toContain("could not be loaded");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findAllByRole("listitem")).toHaveLength(1);
  });
});
