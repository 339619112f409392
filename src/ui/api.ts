/**
 * The Worker's HTTP API as the settings page uses it: same origin, session cookie, JSON both ways,
 * through a client typed from the server's own routes (`hc<AppType>`). Paths, parameters, bodies and
 * answers come from the routes' zod schemas: one that drifts from the server is a type error here or
 * where the UI uses it. The import is type-only, so no Worker code reaches the bundle.
 */
import type { AppType } from "@podkeys/app-type";
import { type ClientResponse, hc } from "hono/client";

/**
 * Step-up (sudo mode): a sensitive change answered 403 REAUTHENTICATION_REQUIRED asks the person
 * for their password or a code in place (StepUpHost's dialog), then the same request is sent again.
 * The handler answers false when they cancel; the request then fails with the server's message.
 */
let stepUp: () => Promise<boolean> = async () => false;

export function onReauthenticationRequired(handler: () => Promise<boolean>) {
  stepUp = handler;
}

/** fetch for the typed client: request → on 403 REAUTHENTICATION_REQUIRED, stepUp() → send again (the body is JSON text, sent twice). */
async function fetchWithStepUp(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.status !== 403) return response;
  const code = await response
    .clone()
    .json()
    .then((data: { error?: { code?: string } } | undefined) => data?.error?.code)
    .catch(() => undefined);
  if (code !== "REAUTHENTICATION_REQUIRED" || !(await stepUp())) return response;
  return fetch(input, init);
}

const client = hc<AppType>("/", { headers: { accept: "application/json" }, fetch: fetchWithStepUp }).api;

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

/** The body of a route's successful answers (2xx); a 204 reads as undefined. */
type Success<R> =
  R extends ClientResponse<infer Body, infer Status, infer _Format>
    ? Status extends 200 | 201
      ? Body
      : Status extends 204
        ? undefined
        : never
    : never;

/** Requests that are expected to answer 401 (sign-in, the first "who am I") must not end the session. */
interface CallOptions {
  quiet401?: boolean;
}

async function call<R extends ClientResponse<unknown, number, string>>(sent: Promise<R>, options: CallOptions = {}): Promise<Success<R>> {
  let response: R;
  try {
    response = await sent;
  } catch {
    throw new RequestError(0, "NETWORK", "Podkeys could not be reached. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as Success<R>;
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data as Success<R>;
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

type QueryText<T> = { [K in keyof T]?: T[K] extends string | undefined ? T[K] : string };

/** Query parameters as the URL carries them: the ones that are set, as text. */
function query<T extends Record<string, string | number | undefined>>(parameters: T): QueryText<T> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) text[name] = String(value);
  return text as QueryText<T>;
}

const id = (value: number | string) => ({ id: String(value) });

type Input<F> = F extends (input: infer I, ...rest: never[]) => unknown ? I : never;
type Body<F> = Input<F> extends { json: infer J } ? J : never;
type Query<F> = Input<F> extends { query: infer Q } ? Q : never;
type AuditFilter = { cursor?: string; limit?: number; userId?: number; keyId?: number; type?: Query<typeof client.audit.$get>["type"] };

export const api = {
  setupStatus: () => call(client.setup.$get()),
  setup: (json: Body<typeof client.setup.$post>) => call(client.setup.$post({ json }), { quiet401: true }),
  login: (json: Body<typeof client.auth.login.$post>) => call(client.auth.login.$post({ json }), { quiet401: true }),
  loginTwoFactor: (json: Body<(typeof client.auth.login)["two-factor"]["$post"]>) =>
    call(client.auth.login["two-factor"].$post({ json }), { quiet401: true }),
  logout: () => call(client.auth.logout.$post(), { quiet401: true }),
  me: () => call(client.me.$get(), { quiet401: true }),
  reauthenticate: (json: Body<typeof client.auth.reauthenticate.$post>) => call(client.auth.reauthenticate.$post({ json })),
  changePassword: (json: Body<typeof client.me.password.$post>) => call(client.me.password.$post({ json })),

  listSessions: () => call(client.me.sessions.$get()),
  endSession: (sessionId: string) => call(client.me.sessions[":id"].$delete({ param: id(sessionId) })),
  endOtherSessions: () => call(client.me.sessions.$delete()),

  listKeys: (filter: { userId?: number; unusedForDays?: number } = {}) => call(client.keys.$get({ query: query(filter) })),
  createKey: (json: Body<typeof client.keys.$post>) => call(client.keys.$post({ json })),
  linkedPodcasts: () => call(client.keys.podcasts.$get()),
  clientNetwork: () => call(client.keys.network.$get()),
  rollKey: (keyId: number, json: Body<(typeof client.keys)[":id"]["roll"]["$post"]>) =>
    call(client.keys[":id"].roll.$post({ param: id(keyId), json })),
  setKeyEnabled: (keyId: number, enabled: boolean) => call(client.keys[":id"].$patch({ param: id(keyId), json: { enabled } })),
  updateKey: (keyId: number, changes: { name?: string; note?: string | null }) =>
    call(client.keys[":id"].$patch({ param: id(keyId), json: changes })),
  keyUsage: (keyId: number, days: number) => call(client.keys[":id"].usage.$get({ param: id(keyId), query: query({ days }) })),
  deleteExpiredKeys: (userId?: number) => call(client.keys["delete-expired"].$post({ query: query({ userId }) })),
  deleteKey: (keyId: number) => call(client.keys[":id"].$delete({ param: id(keyId) })),

  origin: () => call(client.me.origin.$get()),
  linkOrigin: (json: Body<typeof client.me.origin.$put>) => call(client.me.origin.$put({ json })),
  unlinkOrigin: () => call(client.me.origin.$delete()),
  listOriginLinks: () => call(client.origin.links.$get()),

  listAudit: (filter: AuditFilter = {}) => call(client.audit.$get({ query: query(filter) })),

  twoFactorStatus: () => call(client.me["two-factor"].$get()),
  enrolTwoFactor: () => call(client.me["two-factor"].$post()),
  confirmTwoFactor: (code: string) => call(client.me["two-factor"].confirm.$post({ json: { code } })),
  disableTwoFactor: (code: string) => call(client.me["two-factor"].$delete({ json: { code } })),

  notifications: () => call(client.me.notifications.$get()),
  saveNotifications: (json: Body<typeof client.me.notifications.$put>) => call(client.me.notifications.$put({ json })),
  stopNotifications: () => call(client.me.notifications.$delete()),
  testNotification: () => call(client.me.notifications.test.$post()),

  listUsers: () => call(client.users.$get()),
  resetPassword: (userId: number, newPassword: string) =>
    call(client.users[":id"].password.$post({ param: id(userId), json: { newPassword } })),
  resetTwoFactor: (userId: number) => call(client.users[":id"]["two-factor"].$delete({ param: id(userId) })),
  createUser: (json: Body<typeof client.users.$post>) => call(client.users.$post({ json })),
  changeRole: (userId: number, role: NonNullable<Body<(typeof client.users)[":id"]["$patch"]>["role"]>) =>
    call(client.users[":id"].$patch({ param: id(userId), json: { role } })),
  deleteUser: (userId: number) => call(client.users[":id"].$delete({ param: id(userId) })),
};

/** What an API call answers when it succeeds. */
type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

// The UI's names for the server's answers: derived from the calls above, never written twice.
export type User = Answer<typeof api.me>["user"];
export type Role = User["role"];
export type ListedUser = Answer<typeof api.listUsers>["users"][number];
export type LoginResult = Answer<typeof api.login>;
export type Session = Answer<typeof api.listSessions>["sessions"][number];
export type ApiKey = Answer<typeof api.listKeys>["keys"][number];
export type Scope = ApiKey["scope"];
export type CreatedKey = Answer<typeof api.createKey>;
/** What narrows a key (POST /api/keys): a scope or permissions, podcasts, a network fence, a rate limit. */
export type KeyAccess = Pick<Body<typeof client.keys.$post>, "scope" | "permissions" | "podcastIds" | "network" | "rateLimit">;
export type Permissions = NonNullable<KeyAccess["permissions"]>;
export type RolledKey = Answer<typeof api.rollKey>;
export type KeyUsageDay = Answer<typeof api.keyUsage>["days"][number];
export type AuditPage = Answer<typeof api.listAudit>;
export type AuditEvent = AuditPage["events"][number];
export type OriginLink = Answer<typeof api.origin>;
export type LinkedUser = Answer<typeof api.listOriginLinks>["links"][number];
export type NotificationSettings = Answer<typeof api.notifications>;
export type NotificationEvent = Body<typeof client.me.notifications.$put>["events"][number];

export function errorMessage(error: unknown): string {
  return error instanceof RequestError ? error.message : "Something went wrong. Try again.";
}
