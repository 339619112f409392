import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "./env";

/**
 * D1 read replication, through the Sessions API (https://developers.cloudflare.com/d1/best-practices/read-replication/).
 * Without a session every query goes to the primary, and that is where the key check stays
 * (verify-key.ts): a replica may lag, and a lagging replica would accept a key just deleted.
 * Lists may read a nearby replica instead. So that a client still sees its own writes, every key
 * write answers with its session's bookmark (header `x-d1-bookmark`, and a cookie for browsers);
 * a list read that brings it back is served by a replica at least that fresh.
 */
const BOOKMARK_HEADER = "x-d1-bookmark";
const BOOKMARK_COOKIE = "podkeys_d1_bookmark";
// Bookmarks are hex groups joined by dashes; anything else is ignored rather than handed to D1.
const BOOKMARK_PATTERN = /^[0-9a-f]{1,64}(-[0-9a-f]{1,64}){0,7}$/i;

export function readSession(c: Context<AppEnv>): D1DatabaseSession {
  const bookmark = c.req.header(BOOKMARK_HEADER) ?? getCookie(c, BOOKMARK_COOKIE);
  return c.env.DB.withSession(bookmark && BOOKMARK_PATTERN.test(bookmark) ? bookmark : "first-unconstrained");
}

export function writeSession(c: Context<AppEnv>): D1DatabaseSession {
  return c.env.DB.withSession("first-primary");
}

export function returnBookmark(c: Context<AppEnv>, session: D1DatabaseSession): void {
  const bookmark = session.getBookmark();
  if (!bookmark) return;
  c.header(BOOKMARK_HEADER, bookmark);
  setCookie(c, BOOKMARK_COOKIE, bookmark, {
    path: "/api",
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
  });
}
