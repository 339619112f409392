import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type Role, users } from "../db/schema";
import { ApiError } from "../lib/errors";

export const publicUserColumns = { id: users.id, username: users.username, role: users.role };

export async function listUsers(db: Db) {
  return db.select(publicUserColumns).from(users).orderBy(asc(users.id));
}

export async function findUserForLogin(db: Db, username: string) {
  const [row] = await db
    .select({ ...publicUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  return row;
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { cause?: unknown })?.cause ?? error);
  return /UNIQUE constraint failed/i.test(text);
}

/** Usernames clash regardless of case; the unique index on lower(username) decides, so races cannot slip past. */
export async function insertUser(db: Db, user: { username: string; role: Role; passwordHash: string }) {
  try {
    const [row] = await db.insert(users).values(user).returning(publicUserColumns);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("USERNAME_TAKEN", `The username "${user.username}" is taken.`);
    throw error;
  }
}

/**
 * The first admin, only while no user exists. Check and insert are one statement, so two setup
 * requests racing each other cannot both succeed.
 */
export async function insertFirstAdmin(d1: D1Database, username: string, passwordHash: string) {
  return d1
    .prepare(
      `INSERT INTO users (username, role, password_hash) SELECT ?, 'admin', ?
       WHERE NOT EXISTS (SELECT 1 FROM users) RETURNING id, username, role`,
    )
    .bind(username, passwordHash)
    .first<{ id: number; username: string; role: Role }>();
}

export async function anyUserExists(d1: D1Database): Promise<boolean> {
  return (await d1.prepare("SELECT 1 FROM users LIMIT 1").first()) !== null;
}

/** Never leaves the system without an admin: the guard is part of the statement, not a prior read. */
const KEEPS_AN_ADMIN = `(role != 'admin' OR (SELECT count(*) FROM users WHERE role = 'admin') > 1)`;

export async function changeRole(d1: D1Database, userId: number, role: Role) {
  const guard = role === "admin" ? "1" : KEEPS_AN_ADMIN;
  return d1
    .prepare(`UPDATE users SET role = ? WHERE id = ? AND ${guard} RETURNING id, username, role`)
    .bind(role, userId)
    .first<{ id: number; username: string; role: Role }>();
}

/** Deletes the user; their keys and sessions go with them (ON DELETE CASCADE). */
export async function deleteUser(d1: D1Database, userId: number) {
  return d1
    .prepare(`DELETE FROM users WHERE id = ? AND ${KEEPS_AN_ADMIN} RETURNING id, username`)
    .bind(userId)
    .first<{ id: number; username: string }>();
}

export async function userExists(db: Db, userId: number): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  return row !== undefined;
}
