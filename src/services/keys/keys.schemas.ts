import { z } from "@hono/zod-openapi";
import { KEY_KINDS, LEAK_SOURCES, SCOPES } from "../../db/schema";
import { UserSchema } from "../../identity/users.schemas";
import { IdSchema } from "../../lib/schemas";
import { KeyRestrictionsInput, KeyRestrictionsOutput } from "./restrictions.schemas";

const CONTROL_CHARACTERS = /\p{Cc}/u;
/** Half of a surrogate pair: JSON can carry one, but D1 would store it as U+FFFD, not as given. */
const LONE_SURROGATE = /\p{Cs}/u;

/** 1–100 characters after trimming, any Unicode but control characters; stored exactly as given. */
export const KeyNameSchema = z
  .string()
  .refine((name) => !CONTROL_CHARACTERS.test(name), "must not contain control characters")
  .refine((name) => !LONE_SURROGATE.test(name), "must be valid Unicode (no lone surrogates)")
  .refine((name) => {
    const length = [...name.trim()].length;
    return length >= 1 && length <= 100;
  }, "must be 1 to 100 characters (not counting surrounding spaces)")
  // The refinements above do not reach the document; the limits they enforce are declared for it here.
  .openapi({ example: "Kodi living room", minLength: 1, maxLength: 100 });

/** Control characters (Cc) except tab, line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's whole job.
const NOTE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Plain text, never markup: up to 500 characters; line breaks and tabs allowed, other control characters not. */
export const KeyNoteSchema = z
  .string()
  .max(500)
  .refine((note) => !NOTE_FORBIDDEN.test(note), "must not contain control characters other than line breaks and tabs")
  .refine((note) => !LONE_SURROGATE.test(note), "must be valid Unicode (no lone surrogates)")
  .openapi({ example: "Kodi add-on on the living-room box; ask Sam before deleting." });

export const ScopeSchema = z.enum(SCOPES).openapi("Scope", {
  description: "`read`: GET and HEAD only. `full`: may also create, delete, roll, enable and disable its owner's keys.",
});

/** A key as lists show it: never its hash, never the key. */
export const ApiKeySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scope: ScopeSchema,
    kind: z.enum(KEY_KINDS).openapi({
      description:
        "`settings`: made in the settings page or the API. `sign_in`: minted by a Pinepods client's sign-in (get_key); at most 10 live, they end when the password changes.",
    }),
    enabled: z.boolean(),
    expiresAt: z.string().nullable().openapi({ format: "date-time", description: "null: never expires." }),
    hint: z.string().openapi({ example: "podk_…a1B2", description: "Non-secret label: prefix and last four characters." }),
    createdAt: z.string().openapi({ format: "date-time" }),
    lastUsedAt: z.string().nullable().openapi({ format: "date-time", description: "null until the key is first used." }),
    lastUsedCountry: z.string().nullable().openapi({ description: "Country of the last use, where known (ISO 3166 code)." }),
    owner: z.object({ id: z.number().int(), username: z.string() }),
    note: z.string().nullable().openapi({ description: "The owner's note about the key (plain text); null when there is none." }),
    replacedById: z.number().int().nullable().openapi({
      description: "Set on the old key of a roll: the id of the key that replaces it. It keeps working until expiresAt (the grace).",
    }),
    ...KeyRestrictionsOutput,
    leak: z
      .object({
        at: z.string().openapi({ format: "date-time" }),
        source: z.enum(LEAK_SOURCES).openapi({ description: "`github`, `gitlab`, or `report` (someone used POST /api/keys/report)." }),
        url: z.string().nullable().openapi({ description: "Where it was found, as the reporter said." }),
      })
      .nullable()
      .openapi({ description: "Set when the key was revoked as leaked: refused for good (401 KEY_LEAKED), kept so you can see it." }),
  })
  .openapi("ApiKey");

export type ListedKey = z.infer<typeof ApiKeySchema>;

export const CreateKeyBodySchema = z
  .object({
    name: KeyNameSchema,
    scope: ScopeSchema.default("read"),
    expiresAt: z.iso.datetime({ offset: true }).optional().openapi({
      description: "When the key stops working (ISO 8601). Omit for a key that never expires (unless MAX_KEY_LIFETIME_DAYS caps it).",
    }),
    ...KeyRestrictionsInput,
  })
  .openapi("CreateKeyRequest");

export const RollKeyBodySchema = z
  .object({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(604_800)
      .default(0)
      .openapi({ description: "How long the old key keeps working (0 to 7 days)." }),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional().openapi({
      description:
        "Renew: the new key's expiry (ISO 8601; null for none, unless MAX_KEY_LIFETIME_DAYS caps it). Omit to keep the old key's. With it, an expired key may be rolled too.",
    }),
  })
  .openapi("RollKeyRequest");

export const RolledKeySchema = z
  .object({
    key: z.string().openapi({ description: "The new key. Shown in this response only." }),
    apiKey: ApiKeySchema,
    previousKeyExpiresAt: z.string().openapi({ format: "date-time", description: "Until when the old key keeps working." }),
  })
  .openapi("RolledKey");

export const UpdateKeyBodySchema = z
  .object({
    enabled: z.boolean().optional(),
    name: KeyNameSchema.optional(),
    note: KeyNoteSchema.nullable().optional().openapi({ description: 'null or "" removes the note.' }),
  })
  .refine(
    (body) => body.enabled !== undefined || body.name !== undefined || body.note !== undefined,
    "give at least one of enabled, name and note",
  )
  .openapi("UpdateKeyRequest");

export const CreatedKeySchema = z
  .object({
    key: z.string().openapi({ description: "The key itself. Shown in this response only; it cannot be retrieved again." }),
    apiKey: ApiKeySchema,
  })
  .openapi("CreatedKey");

export const ListKeysQuerySchema = z.object({
  userId: IdSchema.optional().openapi({ param: { name: "userId", in: "query" }, description: "Admins only: one user's keys." }),
  unusedForDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .openapi({
      param: { name: "unusedForDays", in: "query" },
      description: "Only keys not used for this many days (never-used keys count from creation).",
    }),
});

export const DeleteExpiredKeysQuerySchema = z.object({
  userId: IdSchema.optional().openapi({ param: { name: "userId", in: "query" }, description: "Admins only: one user's expired keys." }),
});

export const DeletedExpiredKeysSchema = z
  .object({
    deleted: z.array(z.object({ id: z.number().int(), name: z.string(), owner: z.object({ id: z.number().int(), username: z.string() }) })),
  })
  .openapi("DeletedExpiredKeys");

export const KeyUsageQuerySchema = z.object({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(30)
    .openapi({ param: { name: "days", in: "query" }, description: "How many UTC days, ending today (1 to 365; default 30)." }),
});

export const KeyUsageSchema = z
  .object({
    days: z.array(
      z.object({
        date: z.string().openapi({ format: "date", example: "2026-11-29" }),
        valid: z.number().int().openapi({ description: "Checks that accepted the key." }),
        refused: z.number().int().openapi({ description: "Checks that refused it because it was disabled or expired." }),
      }),
    ),
  })
  .openapi("KeyUsage");

export const VerifyKeyBodySchema = z.object({ key: z.string().max(256) }).openapi("VerifyKeyRequest");

/** Why a presented key is refused (verify-key.ts). */
export const KeyRefusalSchema = z.enum(["MALFORMED", "NOT_FOUND", "EXPIRED", "DISABLED", "LEAKED"]);

const ValidKeySchema = z
  .object({
    valid: z.literal(true),
    keyId: z.number().int(),
    scope: ScopeSchema,
    expiresAt: z.string().nullable().openapi({ format: "date-time" }),
    user: UserSchema,
    ...KeyRestrictionsOutput,
  })
  .openapi("ValidKey");

const InvalidKeySchema = z.object({ valid: z.literal(false), code: KeyRefusalSchema }).openapi("InvalidKey");

/**
 * `valid` is the discriminator, with the mapping of its two JSON values spelled out (zod-to-openapi
 * maps only string values), so generators such as orval can narrow on it. The alternatives are
 * listed under anyOf (a z.union; equivalent to oneOf here, `valid` cannot be both): openapi-typescript
 * rewrites the discriminator property of oneOf alternatives into the string "true"/"false", which
 * would give typed clients the wrong type, and leaves anyOf's as the boolean literals they are.
 */
export const VerifyKeyResultSchema = z.union([ValidKeySchema, InvalidKeySchema]).openapi("VerifyKeyResult", {
  discriminator: {
    propertyName: "valid",
    mapping: { true: "#/components/schemas/ValidKey", false: "#/components/schemas/InvalidKey" },
  },
});
