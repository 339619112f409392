import { apiRoute } from "../../http/api-route";
import { jsonBody, jsonResponse } from "../../lib/schemas";
import { githubSignature, gitlabSecret } from "./leak-guards";
import {
  GithubAlertSchema,
  GithubFeedbackSchema,
  GitlabRevocableTypesSchema,
  GitlabRevokeTokensSchema,
  KeyFormatSchema,
  LeakReportBodySchema,
  LeakReportReceivedSchema,
} from "./leaks.schemas";

const tags = ["Leaked keys"];

export const githubAlertRoute = apiRoute({
  operationId: "receiveGithubSecretScanningAlert",
  method: "post",
  path: "/github",
  tags,
  summary: "GitHub secret scanning partner endpoint: revokes every reported key at once",
  description:
    "Signed by GitHub: `Github-Public-Key-Signature` (ECDSA P-256, SHA-256, DER, base64) over the raw body, by the key named in " +
    "`Github-Public-Key-Identifier` (published at GITHUB_SCANNING_KEYS_URL). A bad or missing signature is refused and revokes nothing.",
  access: "public",
  rateLimited: true,
  middleware: [githubSignature],
  request: { body: jsonBody(GithubAlertSchema) },
  responses: { 200: jsonResponse(GithubFeedbackSchema, "A label per token, by its SHA-256") },
  errors: [401, 503],
});

export const gitlabTokenTypesRoute = apiRoute({
  operationId: "gitlabRevocableTokenTypes",
  method: "get",
  path: "/gitlab/v1/revocable_token_types",
  tags,
  summary: "GitLab token revocation API: the token types Podkeys revokes",
  description: "Authorised by the shared secret GITLAB_REVOCATION_TOKEN in `Authorization`.",
  access: "public",
  rateLimited: true,
  middleware: [gitlabSecret],
  responses: { 200: jsonResponse(GitlabRevocableTypesSchema, "The revocable types") },
  errors: [401],
});

export const gitlabRevokeRoute = apiRoute({
  operationId: "gitlabRevokeTokens",
  method: "post",
  path: "/gitlab/v1/revoke_tokens",
  tags,
  summary: "GitLab token revocation API: revoke leaked keys (idempotent)",
  description: "Authorised by the shared secret GITLAB_REVOCATION_TOKEN in `Authorization`. Tokens of other types are ignored.",
  access: "public",
  rateLimited: true,
  middleware: [gitlabSecret],
  request: { body: jsonBody(GitlabRevokeTokensSchema) },
  responses: { 204: { description: "Received; every Podkeys key among them is revoked" } },
  errors: [401],
});

export const reportKeyRoute = apiRoute({
  operationId: "reportLeakedKey",
  method: "post",
  path: "/report",
  tags,
  summary: "Report a key you found (a forum post, a paste): a live key is revoked",
  description: "The answer is the same whatever the key, so it tells nothing about whether the key was valid.",
  access: "public",
  rateLimited: true,
  request: { body: jsonBody(LeakReportBodySchema) },
  responses: { 202: jsonResponse(LeakReportReceivedSchema, "Received") },
});

export const keyFormatRoute = apiRoute({
  operationId: "getKeyFormat",
  method: "get",
  path: "/format",
  tags,
  summary: "The key format, for secret scanners: prefix, regular expression, checksum and a test key",
  access: "public",
  responses: { 200: jsonResponse(KeyFormatSchema, "The format") },
});
