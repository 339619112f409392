import type { TestProject } from "vitest/node";
import { SETUP_TOKEN, startPodkeys } from "../e2e/podkeys-server";

const PASSWORD = "correct horse battery";

export interface ExampleServer {
  origin: string;
  /** alice's read-scope key, named READ_KEY_NAME. */
  key: string;
  /** A key of alice's that has been deleted: what a revoked key looks like to a client. */
  revokedKey: string;
}

export const READ_KEY_NAME = "Living room Kodi";

declare module "vitest" {
  export interface ProvidedContext {
    podkeys: ExampleServer;
  }
}

/** One `wrangler dev` for every example, with an administrator and a standard user, alice, who holds the keys. */
export default async function startExampleServer(project: TestProject) {
  const server = await startPodkeys();
  try {
    project.provide("podkeys", await seed(server.origin));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server.stop;
}

async function seed(origin: string): Promise<ExampleServer> {
  const api = async (method: string, path: string, body?: unknown, cookie?: string): Promise<{ body: any; cookie?: string }> => {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${origin}${path}`, { method, headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const session = response.headers.getSetCookie().find((c) => c.startsWith("podkeys_session="));
    return { body: response.status === 204 ? null : await response.json(), cookie: session?.split(";")[0] };
  };

  const admin = await api("POST", "/api/setup", { token: SETUP_TOKEN, username: "admin", password: PASSWORD });
  await api("POST", "/api/users", { username: "alice", password: PASSWORD, role: "user" }, admin.cookie);
  const { cookie } = await api("POST", "/api/auth/login", { username: "alice", password: PASSWORD });
  const key = await api("POST", "/api/keys", { name: READ_KEY_NAME }, cookie);
  const revoked = await api("POST", "/api/keys", { name: "Old phone" }, cookie);
  await api("DELETE", `/api/keys/${revoked.body.apiKey.id}`, undefined, cookie);
  return { origin, key: key.body.key, revokedKey: revoked.body.key };
}
