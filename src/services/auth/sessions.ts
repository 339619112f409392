import { and, eq, ne, type SQL, sql } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { parse as parseCookie } from "hono/utils/cookie";
import { createDb, type Db } from "../../db/client";
import { sessions } from "../../db/schema";
import { inTransaction, statement } from "../../db/transaction";
import type { SessionCaller } from "../../identity/caller";
import type { User } from "../../identity/users.schemas";
import { base64url, randomBytes, sha256Hex } from "../../lib/crypto";
import type { RequestScope } from "../../platform/request-scope";

/**
 * Browser sessions (after lucia-auth's design): the cookie holds 32 random bytes; D1 holds only
 * their SHA-256, so a leaked database cannot be replayed as sessions.
 */
export const SESSION_COOKIE = "podkeys_session";
const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding expiry is rewritten at most this often, so an active session costs one write an hour, not one per request. */
const REFRESH_AFTER_MS = 60 * 60 * 1000;
const MAX_USER_AGENT_LENGTH = 256;
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** The User-Agent as stored with a session: shown back to its owner, so cleaned and bounded. */
export function cleanUserAgent(value: string | undefined | null): string | null {
  const cleaned = (value ?? "").replace(CONTROL_CHARACTERS, "").trim().slice(0, MAX_USER_AGENT_LENGTH);
  return cleaned || null;
}

export interface NewSession {
  token: string;
  /** SHA-256 of the token: what D1 stores. */
  id: string;
  expiresAt: Date;
  /** Shown back to the user in their list of sessions. */
  userAgent: string | null;
  country: string | null;
}

export async function newSession(scope: Pick<RequestScope, "now" | "userAgent" | "country">): Promise<NewSession> {
  const token = base64url(randomBytes(32));
  return {
    token,
    id: await sha256Hex(token),
    expiresAt: new Date(scope.now() + SESSION_TTL_MS),
    userAgent: cleanUserAgent(scope.userAgent),
    country: scope.country,
  };
}

/**
 * The session's row, as a statement for inTransaction(). `user` may name a user that the same batch
 * inserts (a subquery); where it finds no user, no session is written.
 */
export function insertSession(db: Db, session: NewSession, user: number | SQL) {
  return statement(
    db,
    // A new session's holder has just proved who they are: its step-up window (http/step-up.ts) starts now.
    sql`INSERT INTO sessions (id, user_id, expires_at, user_agent, country, reauthenticated_at)
    SELECT ${session.id}, u.id, ${session.expiresAt.getTime()}, ${session.userAgent}, ${session.country}, ${Date.now()}
    FROM users u WHERE u.id = ${user}`,
  );
}

/** Hands the browser its session, once the row is written. */
export function setSessionCookie(c: Context, session: NewSession): void {
  writeCookie(c, session.token, session.expiresAt);
}

/** A new session for the user, stored; the router hands it to the browser (setSessionCookie). */
export async function createSession(scope: RequestScope, userId: number): Promise<NewSession> {
  const session = await newSession(scope);
  await inTransaction(scope.db, [insertSession(scope.db, session, userId)]);
  return session;
}

function writeCookie(c: Context, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    expires: expiresAt,
  });
}

const SESSION_QUERY = `SELECT s.id AS sessionId, s.expires_at AS expiresAt, s.reauthenticated_at AS reauthenticatedAt, u.id, u.username, u.role,
  u.two_factor_enabled_at IS NOT NULL AS twoFactor
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`;

/** A session whose sliding expiry was just moved: its cookie is written again with the new expiry. */
export interface SessionRenewal {
  token: string;
  expiresAt: Date;
}

/**
 * One D1 query: the session named by the request's cookie and its user together. Expired sessions
 * are deleted as they are found. Raw SQL: it runs on every cookie-authenticated request, as one
 * prepared join (the same reason as the key lookup in keys/verify-key.ts).
 */
export async function validateSession(
  d1: D1Database,
  request: Request,
): Promise<{ caller: SessionCaller; renewal?: SessionRenewal } | undefined> {
  const token = parseCookie(request.headers.get("cookie") ?? "", SESSION_COOKIE)[SESSION_COOKIE];
  if (!token || token.length > 64) return undefined;
  const sessionId = await sha256Hex(token);
  const row = await d1
    .prepare(SESSION_QUERY)
    .bind(sessionId)
    .first<{ sessionId: string; expiresAt: number; reauthenticatedAt: number | null; twoFactor: number } & User>();
  if (!row) return undefined;
  const now = Date.now();
  const db = createDb(d1);
  if (row.expiresAt <= now) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return undefined;
  }
  let renewal: SessionRenewal | undefined;
  if (row.expiresAt - now < SESSION_TTL_MS - REFRESH_AFTER_MS) {
    const expiresAt = new Date(now + SESSION_TTL_MS);
    await db
      .update(sessions)
      .set({ expiresAt, lastSeenAt: new Date(now) })
      .where(eq(sessions.id, sessionId));
    renewal = { token, expiresAt };
  }
  const caller: SessionCaller = {
    via: "session",
    sessionId,
    user: { id: row.id, username: row.username, role: row.role },
    twoFactor: row.twoFactor === 1,
    reauthenticatedAt: row.reauthenticatedAt,
  };
  return { caller, renewal };
}

/** Writes the renewed session's cookie with its new expiry. */
export function renewSessionCookie(c: Context, renewal: SessionRenewal): void {
  writeCookie(c, renewal.token, renewal.expiresAt);
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Tells the browser to forget its session cookie. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

/** Starts the session's step-up window again (the password or a code was just given). */
export async function markReauthenticated(d1: D1Database, sessionId: string, now = Date.now()): Promise<void> {
  await d1.prepare("UPDATE sessions SET reauthenticated_at = ? WHERE id = ?").bind(now, sessionId).run();
}

/** A statement for inTransaction(), so it commits with the change that calls for it (a new password). */
export function deleteOtherSessions(db: Db, userId: number, keepSessionId: string) {
  return db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
}

/**
 * The id a session is shown and ended by. Never the stored hash itself (which is the lookup key for
 * authentication): a derivation of it, truncated, that leads back to nothing. 16 hex characters are
 * plenty to tell one user's sessions apart.
 */
export async function publicSessionId(sessionId: string): Promise<string> {
  return (await sha256Hex(`podkeys-session-public-id:${sessionId}`)).slice(0, 16);
}

export interface ListedSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  country: string | null;
}

/** The user's live sessions, newest first; `currentSessionId` (a stored hash) is marked. */
export async function listSessions(db: Db, userId: number, currentSessionId: string | undefined): Promise<ListedSession[]> {
  const rows = await db.select().from(sessions).where(eq(sessions.userId, userId));
  const now = Date.now();
  const live = rows.filter((row) => row.expiresAt.getTime() > now).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return Promise.all(
    live.map(async (row) => ({
      id: await publicSessionId(row.id),
      current: row.id === currentSessionId,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: (row.lastSeenAt ?? row.createdAt).toISOString(),
      userAgent: row.userAgent,
      country: row.country,
    })),
  );
}

/** The stored id of the user's session with this public id, or undefined when they have none by that id. */
export async function findSessionByPublicId(db: Db, userId: number, publicId: string): Promise<string | undefined> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  for (const row of rows) if ((await publicSessionId(row.id)) === publicId) return row.id;
  return undefined;
}
