import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AuditEvent } from "../api";
import { ACTIVITY_PAGE_SIZE, Activity } from "./activity-section";

const event = (id: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  id,
  type: "key.created",
  createdAt: new Date(Date.now() - 3 * 60_000).toISOString(),
  actor: { id: 1, username: "admin", keyId: null },
  target: { type: "key", id: 10 + id, name: `Key ${id}`, hint: `podk_…k${id}` },
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
      body instanceof Error
        ? Promise.reject(body)
        : new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } }),
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
        event(3, { type: "auth.login_failed", actor: null, target: { type: "user", id: 2, name: "bob", hint: null } }),
        event(2, { type: "key.disabled", actor: { id: 2, username: "bob", keyId: 41 } }),
        event(1, { type: "user.role_changed", target: { type: "user", id: 2, name: "bob", hint: null }, detail: "role=admin" }),
      ],
      nextCursor: null,
    });
    render(<Activity isAdmin />);
    const items = await screen.findAllByRole("listitem");
    const texts = items.map((item) => item.textContent);
    expect(texts[0]).toMatch(/^Sign-in failed: bob3 minutes ago \(.+\) · by someone not signed in · from 203\.0\.113\.7$/);
    // The key's hint tells same-named keys apart; "of bob" is left out when bob did it himself.
    expect(texts[1]).toMatch(/^Key disabled: “Key 2” podk_…k2\d minutes.* · by bob via key #41 · from 203\.0\.113\.7$/);
    expect(texts[2]).toMatch(/^Role changed: bob → administrator/);
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("says a roll's grace and successor, a rename's old name, a clean-up's reason, and a sign-in without repeating the name", async () => {
    pages({
      events: [
        event(5, {
          type: "auth.login",
          actor: { id: 2, username: "bob", keyId: null },
          target: { type: "user", id: 2, name: "bob", hint: null },
        }),
        event(4, { type: "key.rolled", detail: "newKeyId=9 newKeyHint=podk_…NEW1 graceSeconds=3600" }),
        event(3, { type: "key.rolled", detail: "newKeyId=8 newKeyHint=podk_…NEW2 graceSeconds=0" }),
        event(2, { type: "key.renamed", detail: "previousName=Kodi living room note=changed" }),
        event(1, { type: "key.deleted", detail: "reason=expired" }),
      ],
      nextCursor: null,
    });
    render(<Activity isAdmin />);
    const texts = (await screen.findAllByRole("listitem")).map((item) => item.textContent);
    expect(texts[0]).toMatch(/^Signed in: bob3 minutes ago \(.+\) · from 203\.0\.113\.7$/);
    expect(texts[1]).toContain("“Key 4” podk_…k4 of bob (old key kept working 1 hour, replaced by podk_…NEW1)");
    expect(texts[2]).toContain("(old key stopped at once, replaced by podk_…NEW2)");
    expect(texts[3]).toContain("(was “Kodi living room”, note changed)");
    expect(texts[4]).toContain("(it had expired)");
  });

  it("filters by event type, user and key, asking the API for exactly that", async () => {
    const urls = pages(
      { events: [event(2, { target: { type: "key", id: 77, name: "Kodi", hint: "podk_…KODI" } })], nextCursor: null },
      { events: [], nextCursor: null },
      { events: [], nextCursor: null },
      { events: [], nextCursor: null },
      { events: [event(1)], nextCursor: null },
    );
    render(
      <Activity
        isAdmin
        users={[
          { id: 1, username: "admin", role: "admin" },
          { id: 2, username: "bob", role: "user" },
        ]}
      />,
    );
    await screen.findAllByRole("listitem");
    fireEvent.change(screen.getByLabelText("Event"), { target: { value: "key.rolled" } });
    await screen.findByText("No events match these filters");
    fireEvent.change(screen.getByLabelText("User"), { target: { value: "2" } });
    await waitFor(() => expect(urls()).toHaveLength(3));
    fireEvent.change(screen.getByLabelText("Key"), { target: { value: "77" } });
    await waitFor(() => expect(urls()).toHaveLength(4));
    expect(urls().slice(1)).toEqual([
      `/api/audit?limit=${ACTIVITY_PAGE_SIZE}&type=key.rolled`,
      `/api/audit?limit=${ACTIVITY_PAGE_SIZE}&type=key.rolled&userId=2`,
      `/api/audit?limit=${ACTIVITY_PAGE_SIZE}&type=key.rolled&userId=2&keyId=77`,
    ]);
    expect(screen.getByRole("option", { name: "Kodi (podk_…KODI)" })).toBeTruthy();
    fireEvent.click(await screen.findByRole("button", { name: "Show all events" }));
    expect(await screen.findAllByRole("listitem")).toHaveLength(1);
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
