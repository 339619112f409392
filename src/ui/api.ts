import type { z } from "@hono/zod-openapi";
import type { UserSchema } from "../identity/users.schemas";
import type { AuditEventSchema, AuditPageSchema } from "../routes/audit/audit.schemas";
import type { OriginLinkSchema } from "../routes/gateway/origin.schemas";
import type { ApiKeySchema, CreatedKeySchema, KeyUsageSchema, RolledKeySchema, ScopeSchema } from "../services/keys/keys.schemas";
import type { KeyAccess } from "./settings/key-access";

/** The Worker's HTTP API as the settings page uses it: same origin, session cookie, JSON both ways. */

// Types from the API's own zod schemas: type-only imports, so no Worker code reaches the bundle.
export type User = z.infer<typeof UserSchema>;
/** A user as the admin's list shows them: with whether two-factor sign-in is on. */
export type ListedUser = User & { twoFactor: boolean };
export type LoginResult = { user: User } | { twoFactorRequired: true; mfaToken: string };
export interface Session {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  country: string | null;
}
export type Role = User["role"];
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type Scope = z.infer<typeof ScopeSchema>;
export type CreatedKey = z.infer<typeof CreatedKeySchema>;
export type RolledKey = z.infer<typeof RolledKeySchema>;
export type KeyUsageDay = z.infer<typeof KeyUsageSchema>["days"][number];
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type OriginLink = z.infer<typeof OriginLinkSchema>;
export interface LinkedUser {
  userId: number;
  username: string;
  originUserId: number;
  originUsername: string;
  linkedAt: string;
}

/** An answer in the API's one error shape, or a network failure (status 0). */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let sessionLost: () => void = () => {};

/** Called when a signed-in request is answered 401: the session expired or was ended elsewhere. */
export function onSessionLost(handler: () => void) {
  sessionLost = handler;
}

/**
 * Step-up (sudo mode): a sensitive change answered 403 REAUTHENTICATION_REQUIRED asks the person
 * for their password or a code in place (StepUpDialog), then the same request is sent again. The
 * handler answers false when they cancel; the request then fails with the server's message.
 */
let stepUp: () => Promise<boolean> = async () => false;

export function onReauthenticationRequired(handler: () => Promise<boolean>) {
  stepUp = handler;
}

interface RequestOptions {
  body?: unknown;
  /** Requests that are expected to answer 401 (sign-in, the first "who am I") must not end the session. */
  quiet401?: boolean;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(method, path, options);
  } catch (error) {
    if (!(error instanceof RequestError) || error.code !== "REAUTHENTICATION_REQUIRED" || !(await stepUp())) throw error;
    return send<T>(method, path, options);
  }
}

async function send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
    });
  } catch {
    throw new RequestError(0, "NETWORK", "Podkeys could not be reached. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data as T;
  const error = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (response.status === 401 && !options.quiet401) sessionLost();
  throw new RequestError(
    response.status,
    error?.code ?? "INTERNAL_ERROR",
    friendly(error?.message) ?? `Something went wrong (HTTP ${response.status}). Try again.`,
  );
}

/** Validation messages read "Invalid json: name: …"; the form already says which field, so keep the reason. */
function friendly(message: string | undefined) {
  return message?.replace(/^Invalid json: /, "");
}

/** "?a=1&b=2" from the parameters that are set, or "" when none is. */
function query(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const api = {
  setupStatus: () => request<{ needed: boolean }>("GET", "/setup"),
  setup: (body: { token: string; username: string; password: string }) =>
    request<{ user: User }>("POST", "/setup", { body, quiet401: true }),
  login: (body: { username: string; password: string }) => request<LoginResult>("POST", "/auth/login", { body, quiet401: true }),
  loginTwoFactor: (body: { mfaToken: string; code: string }) =>
    request<{ user: User }>("POST", "/auth/login/two-factor", { body, quiet401: true }),
  logout: () => request<void>("POST", "/auth/logout", { quiet401: true }),
  me: () => request<{ user: User }>("GET", "/me", { quiet401: true }),
  reauthenticate: (body: { password: string } | { code: string }) => request<{ until: string }>("POST", "/auth/reauthenticate", { body }),
  changePassword: (body: { currentPassword: string; newPassword: string }) => request<void>("POST", "/me/password", { body }),

  listSessions: () => request<{ sessions: Session[] }>("GET", "/me/sessions"),
  endSession: (id: string) => request<void>("DELETE", `/me/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => request<{ ended: number }>("DELETE", "/me/sessions"),

  listKeys: (filter: { userId?: number; unusedForDays?: number } = {}) => request<{ keys: ApiKey[] }>("GET", `/keys${query(filter)}`),
  createKey: (body: { name: string; scope?: Scope; expiresAt?: string } & KeyAccess) => request<CreatedKey>("POST", "/keys", { body }),
  linkedPodcasts: () => request<{ podcasts: { id: number; name: string }[] }>("GET", "/keys/podcasts"),
  clientNetwork: () => request<{ ip: string | null; country: string | null; asn: number | null }>("GET", "/keys/network"),
  rollKey: (id: number, graceSeconds: number) => request<RolledKey>("POST", `/keys/${id}/roll`, { body: { graceSeconds } }),
  setKeyEnabled: (id: number, enabled: boolean) => request<{ apiKey: ApiKey }>("PATCH", `/keys/${id}`, { body: { enabled } }),
  updateKey: (id: number, changes: { name?: string; note?: string | null }) =>
    request<{ apiKey: ApiKey }>("PATCH", `/keys/${id}`, { body: changes }),
  keyUsage: (id: number, days: number) => request<{ days: KeyUsageDay[] }>("GET", `/keys/${id}/usage${query({ days })}`),
  deleteExpiredKeys: (userId?: number) =>
    request<{ deleted: { id: number; name: string; owner: { id: number; username: string } }[] }>(
      "POST",
      `/keys/delete-expired${query({ userId })}`,
    ),
  deleteKey: (id: number) => request<void>("DELETE", `/keys/${id}`),

  origin: () => request<OriginLink>("GET", "/me/origin"),
  linkOrigin: (body: { username: string; password: string }) => request<OriginLink>("PUT", "/me/origin", { body }),
  unlinkOrigin: () => request<void>("DELETE", "/me/origin"),
  listOriginLinks: () => request<{ configured: boolean; links: LinkedUser[] }>("GET", "/origin/links"),

  listAudit: (page: { cursor?: string; limit?: number; type?: AuditEvent["type"]; userId?: number; keyId?: number } = {}) =>
    request<AuditPage>("GET", `/audit${query(page)}`),

  twoFactorStatus: () => request<{ enabled: boolean; recoveryCodesLeft: number }>("GET", "/me/two-factor"),
  enrolTwoFactor: () => request<{ secret: string; otpauthUrl: string }>("POST", "/me/two-factor"),
  confirmTwoFactor: (code: string) => request<{ recoveryCodes: string[] }>("POST", "/me/two-factor/confirm", { body: { code } }),
  disableTwoFactor: (code: string) => request<void>("DELETE", "/me/two-factor", { body: { code } }),

  listUsers: () => request<{ users: ListedUser[] }>("GET", "/users"),
  resetPassword: (id: number, newPassword: string) => request<void>("POST", `/users/${id}/password`, { body: { newPassword } }),
  resetTwoFactor: (id: number) => request<void>("DELETE", `/users/${id}/two-factor`),
  createUser: (body: { username: string; password: string; role: Role }) => request<{ user: User }>("POST", "/users", { body }),
  changeRole: (id: number, role: Role) => request<{ user: User }>("PATCH", `/users/${id}`, { body: { role } }),
  deleteUser: (id: number) => request<void>("DELETE", `/users/${id}`),
};

export function errorMessage(error: unknown): string {
  return error instanceof RequestError ? error.message : "Something went wrong. Try again.";
}
