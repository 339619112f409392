import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CreateKeyDialog } from "./create-key-dialog";
import { accessBadges, isShorthand, shortForm } from "./key-access";

/** The API as the network delivers it, by path; and the bodies of the keys created. */
function serve() {
  const fetch = vi.fn(async (url: string, _init?: RequestInit) => {
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    if (url === "/api/keys/podcasts")
      return json({
        podcasts: [
          { id: 11, name: "Eleven Minutes" },
          { id: 12, name: "Twelve Tales" },
        ],
      });
    if (url === "/api/keys/network") return json({ ip: "203.0.113.7", country: "DE", asn: 3320 });
    return new Response(JSON.stringify({ key: "podk_x", apiKey: { id: 1, name: "x" } }), {
      status: 201,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return () => fetch.mock.calls.filter(([url]) => url === "/api/keys").map(([, init]) => JSON.parse(String(init?.body)));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const submit = () => fireEvent.submit(screen.getByLabelText("Name").closest("form")!);

describe("the create dialog's access presets and custom view", () => {
  it("a preset sets the groups: Media center — Kodi, Plex", async () => {
    const created = serve();
    render(<CreateKeyDialog onCreated={() => {}} onCancel={() => {}} />);
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Kodi" } });
    fireEvent.click(screen.getByLabelText("Media center — Kodi, Plex"));
    submit();
    await waitFor(() => expect(created()).toHaveLength(1));
    expect(created()[0]).toMatchObject({ name: "Kodi", permissions: { podcasts: "read", playback: "write", downloads: "read" } });
  });

  it("RSS reader: feeds at read, for the podcasts chosen from the linked account", async () => {
    const created = serve();
    render(<CreateKeyDialog onCreated={() => {}} onCancel={() => {}} />);
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Reader" } });
    fireEvent.click(screen.getByLabelText("RSS reader"));
    fireEvent.click(await screen.findByLabelText("Eleven Minutes"));
    submit();
    await waitFor(() => expect(created()).toHaveLength(1));
    expect(created()[0]).toMatchObject({ permissions: { feeds: "read" }, podcastIds: [11] });
  });

  it("Custom: each group's level, a fence filled from here, and a limit", async () => {
    const created = serve();
    render(<CreateKeyDialog onCreated={() => {}} onCancel={() => {}} />);
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Custom" } });
    fireEvent.click(screen.getByLabelText("Custom"));
    fireEvent.change(screen.getByLabelText("Podcasts"), { target: { value: "none" } });
    fireEvent.change(screen.getByLabelText("Playback"), { target: { value: "write" } });
    fireEvent.click(screen.getByRole("button", { name: "Only from here…" }));
    fireEvent.click(await screen.findByRole("button", { name: "This network (AS3320)" }));
    fireEvent.click(screen.getByLabelText("Limit how often the key may be used"));
    fireEvent.input(screen.getByLabelText("Requests"), { target: { value: "5" } });
    submit();
    await waitFor(() => expect(created()).toHaveLength(1));
    expect(created()[0]).toMatchObject({
      permissions: { playback: "write" },
      network: { asns: [3320] },
      rateLimit: { requests: 5, periodSeconds: 60 },
    });
  });
});

describe("the list's short form and badges", () => {
  it("names shorthand keys by their scope and others by their groups; podcasts, fence and limit as badges", () => {
    const read = { podcasts: "read", playback: "read", feeds: "read", downloads: "read", settings: "read", keys: "read" } as const;
    expect(isShorthand({ scope: "read", permissions: read })).toBe(true);
    expect(isShorthand({ scope: "read", permissions: { podcasts: "read", playback: "write" } })).toBe(false);
    expect(shortForm({ playback: "write", podcasts: "read" })).toBe("podcasts:r playback:w");
    expect(
      accessBadges({
        podcastIds: [11],
        network: { countries: ["DE"], cidrs: ["203.0.113.0/24"] },
        rateLimit: { requests: 5, periodSeconds: 60 },
      }).map((badge) => badge.label),
    ).toEqual(["1 podcast", "Fenced: DE, 203.0.113.0/24", "5/min"]);
  });
});
