import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const ROLES = ["admin", "user"] as const;
export type Role = (typeof ROLES)[number];

/** `read`: GET and HEAD only. `full`: may also manage its owner's keys (never users or passwords). */
export const SCOPES = ["read", "full"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * `settings`: made in the settings page or through /api/keys. `sign_in`: minted by Pinepods' get_key
 * sign-in; at most 10 live per user (the 11th revokes the oldest) and all end when the password changes.
 */
/** Who may report a key leaked (src/leaks/). */
export const LEAK_SOURCES = ["github", "gitlab", "report"] as const;
export type LeakSource = (typeof LEAK_SOURCES)[number];

export const KEY_KINDS = ["settings", "sign_in"] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

const createdAt = () => integer({ mode: "timestamp_ms" }).notNull().default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const USER_SOURCES = ["podkeys", "pinepods"] as const;
export type UserSource = (typeof USER_SOURCES)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    username: text().notNull(),
    role: text({ enum: ROLES }).notNull().default("user"),
    /** `pbkdf2-sha256$<iterations>$<salt>$<hash>`: parameters live beside the hash so they can be raised later. */
    passwordHash: text().notNull(),
    createdAt: createdAt(),
    /** The TOTP secret, sealed with AES-GCM under VAULT_KEY (lib/vault.ts); set at enrolment, pending until confirmed. */
    twoFactorSecret: text(),
    /** When two-factor sign-in was confirmed; null = off (or enrolment pending). */
    twoFactorEnabledAt: integer({ mode: "timestamp_ms" }),
    /** The last TOTP time step accepted, so a code is accepted once (RFC 6238 §5.2). */
    twoFactorLastStep: integer(),
    /**
     * `podkeys`: made by an administrator (or setup), signs in with its Podkeys password. `pinepods`:
     * made at its first sign-in through the gateway (services/gateway/origin-accounts.ts); it has no
     * Podkeys password (passwordHash is empty and never verifies): the origin checks every sign-in.
     */
    source: text({ enum: USER_SOURCES }).notNull().default("podkeys"),
  },
  // Usernames are unique regardless of case ("Alice" and "alice" are one account).
  (t) => [uniqueIndex("users_username_lower_unique").on(sql`lower(${t.username})`)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
    /** Written with the sliding expiry, so to within an hour (sessions.ts). */
    lastSeenAt: integer({ mode: "timestamp_ms" }),
    /** The browser's User-Agent at sign-in (cleaned, at most 256 characters), to tell sessions apart. */
    userAgent: text(),
    /** ISO country code at sign-in, where Cloudflare tells it (request.cf.country). */
    country: text(),
    /**
     * When this session's holder last proved who they are (the sign-in itself, or a password or TOTP code
     * given again): sensitive changes need it within the last 10 minutes (auth/step-up.ts).
     */
    reauthenticatedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

/** The columns of a second-step lock (second_factor_locks, origin_second_factor_locks). */
const lockColumns = () => ({
  /** Wrong codes in a row since the last right one (or the last lockout). */
  failures: integer().notNull().default(0),
  /** Lockouts since the last right code: each one lasts twice the one before. */
  lockouts: integer().notNull().default(0),
  /** The second step is refused until then; null: not locked. */
  lockedUntil: integer({ mode: "timestamp_ms" }),
});

/**
 * Wrong second-step codes (TOTP or recovery) per account, across mfa tokens and addresses
 * (auth/second-factor-lockout.ts). In D1, so the lock holds across isolates, locations and restarts.
 */
export const secondFactorLocks = sqliteTable("second_factor_locks", {
  userId: integer()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  ...lockColumns(),
});

/** Single-use recovery codes for two-factor sign-in, stored as SHA-256 (they carry 50 random bits). */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("recovery_codes_user_hash_unique").on(t.userId, t.codeHash)],
);

export const MFA_PURPOSES = ["session", "pinepods_key"] as const;

/**
 * The step between a right password and a second factor: a token (only its SHA-256 stored) that
 * proves the password was right, single-use, for 5 minutes. `purpose` keeps a token from the
 * sign-in form from minting a Pinepods key and the other way round.
 */
export const mfaChallenges = sqliteTable(
  "mfa_challenges",
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text({ enum: MFA_PURPOSES }).notNull(),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("mfa_challenges_user_id_idx").on(t.userId)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** SHA-256 (hex) of the whole key: the only form of the key at rest. */
    keyHash: text().notNull(),
    /** Non-secret label for display, e.g. `podk_…a1B2`. */
    hint: text().notNull(),
    scope: text({ enum: SCOPES }).notNull().default("read"),
    kind: text({ enum: KEY_KINDS }).notNull().default("settings"),
    /** A disabled key is refused until enabled again (unlike a delete, which is permanent). */
    enabled: integer({ mode: "boolean" }).notNull().default(true),
    /** null: never expires. Rolling a key sets this on the old key to the end of the grace period. */
    expiresAt: integer({ mode: "timestamp_ms" }),
    createdAt: createdAt(),
    lastUsedAt: integer({ mode: "timestamp_ms" }),
    /** ISO country code of the last use, where Cloudflare tells it (request.cf.country). */
    lastUsedCountry: text(),
    /** The owner's own words about the key (where it runs, who to ask): plain text, at most 500 characters. */
    note: text(),
    /**
     * Set on the old key when it is rolled: the id of the key that replaces it. No foreign key: drizzle-kit's
     * ALTER TABLE would add one without ON DELETE, and deleting the successor must stay possible (the id then dangles).
     */
    replacedById: integer(),
    /**
     * What the key may do, per group (keys/permissions.ts): `{"podcasts":"read","playback":"write"}`. Null on keys
     * made before permissions existed: their scope stands for them (scopePermissions).
     */
    permissions: text({ mode: "json" }).$type<Record<string, "read" | "write">>(),
    /** A feed key: `podcasts` and `feeds` only for these Pinepods podcast ids. Null: every podcast. */
    podcastIds: text({ mode: "json" }).$type<number[]>(),
    /** Where the key may be used from: `{countries, asns, cidrs}` (keys/network-fence.ts). Null: anywhere. */
    network: text({ mode: "json" }).$type<{ countries?: string[]; asns?: number[]; cidrs?: string[] }>(),
    /** At most `requests` per `periodSeconds`, counted by a Durable Object per key (keys/key-rate-limiter.ts). Null: no limit. */
    rateLimit: text({ mode: "json" }).$type<{ requests: number; periodSeconds: number }>(),
    /**
     * Set when the key was reported leaked (a secret scanner or a public report; src/leaks/): it is refused
     * with KEY_LEAKED by the same row read that checks it, can never be enabled or rolled again, and its
     * row stays so the owner sees what happened. `enabled` is cleared at the same time.
     */
    leakedAt: integer({ mode: "timestamp_ms" }),
    /** Who reported it: `github`, `gitlab` or `report` (the public form). */
    leakSource: text({ enum: LEAK_SOURCES }),
    /** Where the key was found, as the reporter said (a URL; not checked, shown as text). */
    leakUrl: text(),
  },
  (t) => [uniqueIndex("api_keys_key_hash_unique").on(t.keyHash), index("api_keys_user_id_idx").on(t.userId)],
);

/**
 * How often each key was checked, per UTC day: accepted, and refused because it was disabled or expired
 * (an unknown key has no row to count against). Written in batches from memory (services/keys/key-usage.ts),
 * never once per request; deleted with its key.
 */
export const keyUsageDaily = sqliteTable(
  "key_usage_daily",
  {
    keyId: integer()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    /** YYYY-MM-DD, UTC. */
    day: text().notNull(),
    valid: integer().notNull().default(0),
    refused: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.day] })],
);

export const AUDIT_EVENT_TYPES = [
  "key.created",
  "key.deleted",
  "key.rolled",
  "key.disabled",
  "key.enabled",
  "user.created",
  "user.deleted",
  "user.role_changed",
  "auth.login_failed",
  "auth.login",
  "auth.two_factor_enabled",
  "auth.two_factor_disabled",
  "auth.recovery_code_used",
  "session.ended",
  "user.password_reset",
  "user.two_factor_reset",
  "origin.linked",
  "origin.unlinked",
  "origin.link_failed",
  "key.renamed",
  "auth.second_factor_locked",
  "user.password_changed",
  "vault.resealed",
  "user.created_from_origin",
  "user.signed_in_via_origin",
  "origin.link_revoked",
  "key.leaked",
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/**
 * Who did what to which key or user, when and from where. Names are copied in, not joined,
 * so the record outlives deleted users and keys. Never holds a key, hash or token.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    type: text({ enum: AUDIT_EVENT_TYPES }).notNull(),
    actorId: integer(),
    actorUsername: text(),
    /** Set when the actor acted through an API key rather than a session. */
    actorKeyId: integer(),
    targetType: text({ enum: ["key", "user"] }).notNull(),
    targetId: integer().notNull(),
    targetName: text().notNull(),
    /** A key target's hint (podk_…a1B2), so two keys of one name can be told apart in the log. Not secret. */
    targetHint: text(),
    /** The user the target belongs to (for a user target, the user themself): decides who may read the event. */
    targetOwnerId: integer(),
    targetOwnerUsername: text(),
    detail: text(),
    ip: text(),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_target_owner_idx").on(t.targetOwnerId, t.id), index("audit_events_actor_idx").on(t.actorId, t.id)],
);

/**
 * A user's link to their account on the Pinepods server behind the gateway (ORIGIN_URL). The origin's
 * API key is stored only sealed (AES-256-GCM under VAULT_KEY, src/lib/vault.ts); the password used to
 * link is never stored. One link per user.
 */
export const originLinks = sqliteTable(
  "origin_links",
  {
    userId: integer()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    originUserId: integer().notNull(),
    originUsername: text().notNull(),
    /** `v1.<keyId>.<iv>.<ciphertext>`: the origin key, sealed. */
    originKeySealed: text().notNull(),
    /** Which VAULT_KEY sealed it (also inside the envelope): lets a rotation find the rows still to re-seal. */
    vaultKeyId: text().notNull(),
    linkedAt: createdAt(),
    /**
     * Set when the origin refused the sealed key on a forwarded request (the key was deleted in
     * Pinepods): forwarding answers 409 ORIGIN_LINK_REVOKED until the person signs in again.
     */
    revokedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [index("origin_links_origin_user_idx").on(t.originUserId)],
);

/**
 * Pinepods' two-factor step relayed at the door, for a person signing in with their Pinepods password:
 * the client holds a random token (only its SHA-256 here); the origin's own mfa_session_token stays
 * here, sealed, and never reaches the client. Single-use, 5 minutes (Pinepods' own limit).
 */
export const originMfaSteps = sqliteTable("origin_mfa_steps", {
  id: text().primaryKey(),
  /** The username as typed (normalised), for the account made or found once the code is right. */
  username: text().notNull(),
  purpose: text({ enum: MFA_PURPOSES }).notNull(),
  /** The origin's mfa_session_token, sealed under VAULT_KEY bound to this step's id. */
  originTokenSealed: text().notNull(),
  expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
  createdAt: createdAt(),
});

/**
 * The same lock for Pinepods' own two-factor step when the door relays it (origin_mfa_steps): the
 * origin checks those codes, for a username that may have no Podkeys account yet, so the lock is per
 * Pinepods account, keyed by the normalised username.
 */
export const originSecondFactorLocks = sqliteTable("origin_second_factor_locks", {
  username: text().primaryKey(),
  ...lockColumns(),
});

/** What a person may be told about on their phone (src/notifications/). */
export const NOTIFICATION_EVENTS = [
  "key_leaked",
  "key_expiring",
  "key_unused",
  "sign_in_new_country",
  "two_factor_disabled",
  "key_created_by_key",
  "second_factor_locked",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/**
 * A person's push target: an ntfy topic URL (its host allowed by NOTIFY_ALLOWED_HOSTS) and the events
 * they want. One per user. The delivery columns let Settings show "last delivery failed".
 */
export const notificationTargets = sqliteTable("notification_targets", {
  userId: integer()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  ntfyUrl: text().notNull(),
  events: text({ mode: "json" }).$type<NotificationEvent[]>().notNull(),
  /** The daily Cron Trigger disables this person's keys unused for 90 days (and says so, if key_unused is on). */
  disableUnusedKeys: integer({ mode: "boolean" }).notNull().default(false),
  lastDeliveryAt: integer({ mode: "timestamp_ms" }),
  /** Set when the last message could not be delivered (after one retry); cleared by the next delivery. */
  lastDeliveryFailedAt: integer({ mode: "timestamp_ms" }),
  updatedAt: createdAt(),
});

export const KEY_NOTICE_KINDS = ["expiring", "unused"] as const;

/** The daily notices already sent about a key, so each is sent once. Deleted with the key. */
export const keyNotices = sqliteTable(
  "key_notices",
  {
    keyId: integer()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    kind: text({ enum: KEY_NOTICE_KINDS }).notNull(),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.kind] })],
);

/** The countries each account has signed in from (request.cf.country), to notice a new one. */
export const signInCountries = sqliteTable(
  "sign_in_countries",
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    country: text().notNull(),
    firstSeenAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.country] })],
);

export type UserRow = typeof users.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
