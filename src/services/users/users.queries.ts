import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type Role, users } from "../../db/schema";
import { inTransaction, type Statement, statement } from "../../db/transaction";
import { ApiError } from "../../lib/errors";

export const publicUserColumns = { id: users.id, username: users.username, role: users.role };

/** Every user, with whether two-factor sign-in is on (admins see who has it). */
export async function listUsers(db: Db) {
  const rows = await db
    .select({ ...publicUserColumns, twoFactorEnabledAt: users.twoFactorEnabledAt, source: users.source })
    .from(users)
    .orderBy(asc(users.id));
  return rows.map(({ twoFactorEnabledAt, source, ...user }) => ({
    ...user,
    twoFactor: twoFactorEnabledAt !== null,
    fromPinepods: source === "pinepods",
  }));
}

export async function findUserForLogin(db: Db, username: string) {
  const [row] = await db
    .select({ ...publicUserColumns, passwordHash: users.passwordHash, twoFactorEnabledAt: users.twoFactorEnabledAt, source: users.source })
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  return row;
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { cause?: unknown })?.cause ?? error);
  return /UNIQUE constraint failed/i.test(text);
}

/**
 * Usernames clash regardless of case; the unique index on lower(username) decides, so races cannot slip past.
 * `alongside`: statements that commit with the user, or not at all (its audit event), given the new
 * user's id as SQL.
 */
export async function insertUser(
  db: Db,
  user: { username: string; role: Role; passwordHash: string },
  alongside: (newUserId: SQL) => Statement<never>[] = () => [],
) {
  try {
    const [rows] = await inTransaction(db, [
      db.insert(users).values(user).returning(publicUserColumns),
      ...alongside(userIdByName(user.username)),
    ]);
    return rows[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("USERNAME_TAKEN", `The username "${user.username}" is taken.`);
    throw error;
  }
}

/** The id of the user with this name, as SQL: names a user that an earlier statement of the same batch inserted. */
function userIdByName(username: string): SQL {
  return sql`(SELECT id FROM users WHERE lower(username) = ${username.toLowerCase()})`;
}

/**
 * The first admin, only while no user exists: check and insert are one statement, so two setup
 * requests racing each other cannot both succeed. A statement for inTransaction() (its row: the user;
 * none when another setup won).
 */
export function insertFirstAdmin(db: Db, username: string, passwordHash: string) {
  return statement<{ id: number; username: string; role: Role }>(
    db,
    sql`INSERT INTO users (username, role, password_hash)
    SELECT ${username}, 'admin', ${passwordHash} WHERE NOT EXISTS (SELECT 1 FROM users) RETURNING id, username, role`,
  );
}

/**
 * The id of the user stored with this password hash, as SQL. The hash carries a fresh 128-bit salt,
 * so it names the very row this request's batch inserted, never a namesake another request created.
 */
export function userIdByPasswordHash(passwordHash: string): SQL {
  return sql`(SELECT id FROM users WHERE password_hash = ${passwordHash})`;
}

export async function anyUserExists(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

export async function findUser(db: Db, userId: number) {
  const [row] = await db.select(publicUserColumns).from(users).where(eq(users.id, userId));
  return row;
}

/** Never leaves the system without an admin: the guard is part of each statement, not a prior read. */
const KEEPS_AN_ADMIN = sql`(role != 'admin' OR (SELECT count(*) FROM users WHERE role = 'admin') > 1)`;
const roleGuard = (role: Role) => (role === "admin" ? sql`1` : KEEPS_AN_ADMIN);

/** True, in SQL, while changing this user to `role` is allowed: conditions the role change and its audit event alike. */
export function roleChangeAllowed(userId: number, role: Role): SQL {
  return sql`EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND ${roleGuard(role)})`;
}

/** Statements for inTransaction(); each answers with the user it changed, or no row. */
export function changeRole(db: Db, userId: number, role: Role) {
  return statement<{ id: number; username: string; role: Role }>(
    db,
    sql`UPDATE users SET role = ${role} WHERE id = ${userId} AND ${roleGuard(role)} RETURNING id, username, role`,
  );
}

export function deleteAllowed(userId: number): SQL {
  return sql`EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND ${KEEPS_AN_ADMIN})`;
}

/** Deletes the user; their keys and sessions go with them (ON DELETE CASCADE). */
export function deleteUser(db: Db, userId: number) {
  return statement<{ id: number; username: string }>(
    db,
    sql`DELETE FROM users WHERE id = ${userId} AND ${KEEPS_AN_ADMIN} RETURNING id, username`,
  );
}

export async function userExists(db: Db, userId: number): Promise<boolean> {
  return (await findUser(db, userId)) !== undefined;
}
