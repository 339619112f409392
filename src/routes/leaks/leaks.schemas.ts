import { z } from "@hono/zod-openapi";

/** GitHub's alert: a JSON array, possibly many tokens per request. */
export const GithubAlertSchema = z
  .array(
    z.object({
      token: z.string().max(1000),
      type: z.string().max(200),
      url: z.string().max(2000).optional(),
      source: z.string().max(100).optional(),
    }),
  )
  .max(200)
  .openapi("GithubSecretScanningAlert");

/** GitHub's optional feedback: one label per token, named by its SHA-256 (never the token). */
export const GithubFeedbackSchema = z
  .array(
    z.object({
      token_hash: z.string().openapi({ description: "SHA-256 of the token, hex." }),
      token_type: z.string(),
      label: z.enum(["true_positive", "false_positive"]),
    }),
  )
  .openapi("GithubSecretScanningFeedback");

export const GitlabRevocableTypesSchema = z.object({ types: z.array(z.string()) }).openapi("GitlabRevocableTokenTypes");

export const GitlabRevokeTokensSchema = z
  .array(z.object({ type: z.string().max(200), token: z.string().max(1000), location: z.string().max(2000).optional() }))
  .max(200)
  .openapi("GitlabRevokeTokensRequest");

export const LeakReportBodySchema = z
  .object({
    key: z.string().max(1000).openapi({ description: "The key you found." }),
    url: z.string().max(2000).optional().openapi({ description: "Where you found it." }),
  })
  .openapi("LeakReportRequest");

export const LeakReportReceivedSchema = z.object({ received: z.literal(true) }).openapi("LeakReportReceived");

export const KeyFormatSchema = z
  .object({
    prefix: z.string().openapi({ example: "podk" }),
    regex: z.string().openapi({ description: "Finds keys in text (for secret scanners)." }),
    anchoredRegex: z.string().openapi({ description: "Matches a whole string that is one key." }),
    length: z.number().int(),
    checksum: z.object({ algorithm: z.string(), description: z.string() }),
    testKey: z.string().openapi({ description: "Validates (shape and checksum) but belongs to no one." }),
  })
  .openapi("KeyFormat");
