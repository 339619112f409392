import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OriginLink } from "../api";
import { PodcastServer } from "./podcast-server-section";

const unlinked: OriginLink = { configured: true, linked: false, originUserId: null, originUsername: null, linkedAt: null, revoked: false };
const linked: OriginLink = {
  configured: true,
  linked: true,
  originUserId: 7,
  originUsername: "bob",
  linkedAt: "2026-03-01T12:00:00.000Z",
  revoked: false,
};

/** Answers each request in turn; records method, URL and body. */
function answers(...replies: [number, unknown][]) {
  const fetch = vi.fn();
  for (const [status, body] of replies) {
    fetch.mockResolvedValueOnce(
      new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
    );
  }
  vi.stubGlobal("fetch", fetch);
  return () => fetch.mock.calls.map(([url, init]) => `${init?.method ?? "GET"} ${url} ${init?.body ?? ""}`.trim());
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Settings → Podcast server", () => {
  it("says so when no podcast server is configured", async () => {
    answers([200, { ...unlinked, configured: false }]);
    render(<PodcastServer />);
    expect(await screen.findByText(/has not set ORIGIN_URL/)).toBeTruthy();
  });

  it("links with the Pinepods username and password, then shows the account and forgets the password", async () => {
    const calls = answers([200, unlinked], [200, linked]);
    render(<PodcastServer />);
    fireEvent.input(await screen.findByLabelText("Pinepods username"), { target: { value: "bob" } });
    fireEvent.input(screen.getByLabelText("Pinepods password"), { target: { value: "bob's pinepods password" } });
    fireEvent.click(screen.getByRole("button", { name: "Link account" }));
    expect(await screen.findByText("bob")).toBeTruthy();
    expect(calls()[1]).toBe(`PUT /api/me/origin {"username":"bob","password":"bob's pinepods password"}`);
    expect(document.body.innerHTML).not.toContain("bob's pinepods password");
  });

  it("shows the server's refusal of a wrong password in the form", async () => {
    answers(
      [200, unlinked],
      [400, { error: { code: "ORIGIN_CREDENTIALS_REJECTED", message: "The podcast server refused that username and password." } }],
    );
    render(<PodcastServer />);
    fireEvent.input(await screen.findByLabelText("Pinepods username"), { target: { value: "bob" } });
    fireEvent.input(screen.getByLabelText("Pinepods password"), { target: { value: "wrong" } });
    fireEvent.click(screen.getByRole("button", { name: "Link account" }));
    expect(await screen.findByText(/refused that username and password/)).toBeTruthy();
  });

  it("unlinks after confirmation", async () => {
    const calls = answers([200, linked], [204, null], [200, unlinked]);
    render(<PodcastServer />);
    fireEvent.click(await screen.findByRole("button", { name: "Unlink" }));
    const dialogButtons = await screen.findAllByRole("button", { name: "Unlink" });
    fireEvent.click(dialogButtons.at(-1)!);
    await waitFor(() => expect(calls()).toContain("DELETE /api/me/origin"));
    expect(await screen.findByLabelText("Pinepods username")).toBeTruthy();
  });
});
