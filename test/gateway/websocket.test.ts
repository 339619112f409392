import { beforeAll, describe, expect, it } from "vitest";
import { createKey, expectError, ORIGIN, setupAdmin } from "../helpers";
import { clearReceived, gateway, linkedUser, ORIGIN_USERS, received } from "./support";

// Pinepods' live updates through the door: WebSockets keyed by ?api_key=, bridged by the Worker, the
// key checked before the upgrade and again while the connection is open.

let admin: { cookie: string; id: number };
let bob: { cookie: string; id: number };
let bobRead: string;
let bobFull: string;
beforeAll(async () => {
  admin = await setupAdmin("ann"); // linked below to the origin's administrator (user 8)
  await gateway("/api/me/origin", { method: "PUT", cookie: admin.cookie, json: { username: "ann", password: ORIGIN_USERS.ann.password } });
  bob = await linkedUser(admin.cookie, "bob");
  bobRead = (await createKey(bob.cookie, "web app")).key;
  bobFull = (await createKey(bob.cookie, "web app, full", { scope: "full" })).key;
});

const UPGRADE = { headers: { upgrade: "websocket" } };

async function connect(path: string, overrides: Record<string, unknown> = {}) {
  const response = await gateway(path, UPGRADE, overrides);
  expect(response.status).toBe(101);
  const socket = response.webSocket!;
  socket.accept();
  return socket;
}

const nextMessage = (socket: WebSocket) =>
  new Promise<string>((resolve) => socket.addEventListener("message", (event) => resolve(event.data as string), { once: true }));
const closed = (socket: WebSocket) =>
  new Promise<CloseEvent>((resolve) => socket.addEventListener("close", (event) => resolve(event), { once: true }));

describe("WebSockets through the door", () => {
  it("/ws/api/tasks/{id}?api_key= opens and echoes both ways; the origin saw its own key and never a Podkeys key", async () => {
    await clearReceived();
    const socket = await connect(`/ws/api/tasks/7?api_key=${bobRead}`);
    for (const text of ["hello", "second frame"]) {
      const reply = nextMessage(socket);
      socket.send(text);
      expect(await reply).toBe(`echo:${text}`);
    }
    socket.close(1000, "done");
    const [request] = await received();
    expect(request!.path).toBe("/ws/api/tasks/7");
    expect(new URLSearchParams(request!.query).get("api_key")).toBe(ORIGIN_USERS.bob.key);
    expect(request!.headers.upgrade).toBe("websocket");
    expect(JSON.stringify(request)).not.toMatch(/podk_/);
  });

  it("/ws/api/data/episodes/{id} too; the origin's frames are rewritten: its address and key never reach the client", async () => {
    // This socket refreshes the person's feeds: podcasts:write (route-permissions.ts), so a full key.
    const socket = await connect(`/ws/api/data/episodes/7?api_key=${bobFull}`);
    const reply = nextMessage(socket);
    socket.send("whoami");
    expect(JSON.parse(await reply)).toEqual({ user_id: 7, server: ORIGIN, api_key: bobFull });
    socket.close(1000);
  });

  it("refuses a missing, bad or disabled key before the upgrade (401), and the origin never sees it", async () => {
    const { key: disabled, apiKey: row } = await createKey(bob.cookie, "disabled");
    await gateway(`/api/keys/${row.id}`, { method: "PATCH", cookie: bob.cookie, json: { enabled: false } });
    await clearReceived();
    await expectError(await gateway("/ws/api/tasks/7", UPGRADE), 401, "UNAUTHENTICATED");
    await expectError(await gateway("/ws/api/tasks/7?api_key=podk_nope", UPGRADE), 401, "INVALID_KEY");
    await expectError(await gateway(`/ws/api/tasks/7?api_key=${disabled}`, UPGRADE), 401, "KEY_DISABLED");
    await expectError(await gateway(`/ws/api/tasks/7?key=${bobRead}`, UPGRADE), 401, "UNAUTHENTICATED");
    expect(await received()).toEqual([]);
  });

  it("checks what the key may reach before the upgrade: the route's permission, its owner's user only (403, no socket, origin untouched)", async () => {
    const feedsOnly = (await createKey(bob.cookie, "RSS reader", { permissions: { feeds: "read" } })).key;
    await clearReceived();
    const refusals = [
      [await gateway(`/ws/api/tasks/7?api_key=${feedsOnly}`, UPGRADE), "INSUFFICIENT_SCOPE"],
      [await gateway(`/ws/api/data/episodes/7?api_key=${bobRead}`, UPGRADE), "INSUFFICIENT_SCOPE"],
      [await gateway(`/ws/api/tasks/8?api_key=${bobRead}`, UPGRADE), "KEY_NOT_ALLOWED"],
    ] as const;
    for (const [response, code] of refusals) {
      expect(response.webSocket).toBeNull();
      await expectError(response, 403, code);
    }
    expect(await received()).toEqual([]);
  });

  it("passes on the origin's own refusal (another user's id, allowed at the edge to an admin key) as an answer, not a socket", async () => {
    const annAdmin = (await createKey(admin.cookie, "admin dashboard", { permissions: { downloads: "read", admin: "read" } })).key;
    await clearReceived();
    const response = await gateway(`/ws/api/tasks/7?api_key=${annAdmin}`, UPGRADE);
    expect(response.status).toBe(403);
    expect(response.webSocket).toBeNull();
    // The refusal is checked once with verify_key (is the sealed key revoked? gateway/origin-accounts.ts): it is not.
    expect((await received()).map((request) => request.path)).toEqual(["/ws/api/tasks/7", "/api/data/verify_key"]);
  });

  it("a deleted key: new connections refused at once, an open one closed (1008) within the re-check interval", async () => {
    const { key, apiKey: row } = await createKey(bob.cookie, "to delete");
    const recheck = { WEBSOCKET_RECHECK_SECONDS: "1" };
    const socket = await connect(`/ws/api/tasks/7?api_key=${key}`, recheck);
    const reply = nextMessage(socket);
    socket.send("still here");
    expect(await reply).toBe("echo:still here");
    const end = closed(socket);
    expect((await gateway(`/api/keys/${row.id}`, { method: "DELETE", cookie: bob.cookie })).status).toBe(204);
    await expectError(await gateway(`/ws/api/tasks/7?api_key=${key}`, UPGRADE, recheck), 401, "INVALID_KEY");
    const event = await end;
    expect(event.code).toBe(1008);
    expect(event.reason).toMatch(/no longer valid/);
  });

  it("with the gateway off, /ws/* is a 404 in the error shape", async () => {
    await expectError(await gateway(`/ws/api/tasks/7?api_key=${bobRead}`, UPGRADE, { ORIGIN_URL: "" }), 404, "NOT_FOUND");
  });
});
