import { z } from "@hono/zod-openapi";
import { IdSchema } from "../lib/schemas";

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
  .openapi({ example: "Kodi living room" });

export const ApiKeySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    hint: z.string().openapi({ example: "podk_…a1B2", description: "Non-secret label: prefix and last four characters." }),
    createdAt: z.string().openapi({ format: "date-time" }),
    lastUsedAt: z.string().nullable().openapi({ format: "date-time", description: "null until the key is first used." }),
    owner: z.object({ id: z.number().int(), username: z.string() }),
  })
  .openapi("ApiKey");

export const CreateKeyBodySchema = z.object({ name: KeyNameSchema }).openapi("CreateKeyRequest");

export const CreatedKeySchema = z
  .object({
    key: z.string().openapi({ description: "The key itself. Shown in this response only; it cannot be retrieved again." }),
    apiKey: ApiKeySchema,
  })
  .openapi("CreatedKey");

export const ListKeysQuerySchema = z.object({
  userId: IdSchema.optional().openapi({ param: { name: "userId", in: "query" }, description: "Admins only: one user's keys." }),
});

export const VerifyKeyBodySchema = z.object({ key: z.string().max(256) }).openapi("VerifyKeyRequest");

export const VerifyKeyResultSchema = z
  .union([
    z.object({
      valid: z.literal(true),
      keyId: z.number().int(),
      user: z.object({ id: z.number().int(), username: z.string(), role: z.enum(["admin", "user"]) }),
    }),
    z.object({ valid: z.literal(false), code: z.enum(["MALFORMED", "NOT_FOUND"]) }),
  ])
  .openapi("VerifyKeyResult");
