import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deviceName, Sessions } from "./sessions-section";

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
const LAPTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const session = (id: string, current: boolean, userAgent: string | null, country: string | null = null) => ({
  id,
  current,
  createdAt: ago(600),
  lastSeenAt: ago(current ? 0 : 5),
  userAgent,
  country,
});

/** Answers the requests in order; records method and URL of each. */
function answers(...bodies: [number, unknown][]) {
  const fetch = vi.fn();
  for (const [status, body] of bodies) {
    fetch.mockResolvedValueOnce(
      new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
    );
  }
  vi.stubGlobal("fetch", fetch);
  return () => fetch.mock.calls.map(([url, init]) => `${init?.method ?? "GET"} ${String(url)}`);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Sessions", () => {
  it("names devices from their user agent", () => {
    expect(deviceName(PHONE)).toBe("Chrome on Android");
    expect(deviceName(LAPTOP)).toBe("Firefox on Linux");
    expect(deviceName(null)).toBe("Unknown device");
  });

  it("lists this browser first, marked, and signs out another one at once", async () => {
    const requests = answers(
      [200, { sessions: [session("aaaaaaaaaaaaaaaa", false, PHONE, "DE"), session("bbbbbbbbbbbbbbbb", true, LAPTOP)] }],
      [204, null],
      [200, { sessions: [session("bbbbbbbbbbbbbbbb", true, LAPTOP)] }],
    );
    render(<Sessions />);
    const rows = await screen.findAllByRole("listitem");
    expect(rows[0]!.textContent).toMatch(/^Firefox on Linuxthis browser/);
    expect(rows[1]!.textContent).toMatch(/^Chrome on AndroidGermany · last seen 5 minutes ago/);
    fireEvent.click(screen.getByRole("button", { name: /^Sign out Chrome on Android/ }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Chrome on Android is signed out."));
    expect(requests()).toEqual(["GET /api/me/sessions", "DELETE /api/me/sessions/aaaaaaaaaaaaaaaa", "GET /api/me/sessions"]);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Sign out other sessions" })).toBeNull());
  });

  it("signs out every other session with one button, and says how many", async () => {
    const requests = answers(
      [
        200,
        {
          sessions: [
            session("cccccccccccccccc", true, LAPTOP),
            session("dddddddddddddddd", false, PHONE),
            session("eeeeeeeeeeeeeeee", false, null),
          ],
        },
      ],
      [200, { ended: 2 }],
      [200, { sessions: [session("cccccccccccccccc", true, LAPTOP)] }],
    );
    render(<Sessions />);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out other sessions" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("2 other sessions are signed out."));
    expect(requests()[1]).toBe("DELETE /api/me/sessions");
  });
});
