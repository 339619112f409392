import type { MiddlewareHandler } from "hono";
import { clientAddress } from "../../lib/client-address";
import { timingSafeEqualStrings } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import { config } from "../../platform/config";
import type { AppEnv } from "../../platform/env";
import { enforceAddressLimit, refuseWhileBlocked } from "../../platform/rate-limits";
import { isSignedByGithub } from "../../services/leaks/github-signature";

/** The type a GitLab secret-detection rule named `podkeys_api_key` reports (GitLab joins `gitleaks_rule_id_` and the rule id). */
export const GITLAB_TOKEN_TYPE = "gitleaks_rule_id_podkeys_api_key";

/**
 * Checks the signature over the raw bytes before the body is parsed (the validator then reads the same
 * bytes from Hono's body cache). A refused alert counts against the address's failed-check limit.
 */
export const githubSignature: MiddlewareHandler<AppEnv> = async (c, next) => {
  refuseWhileBlocked(clientAddress(c.req.raw), "KEY_FAILURE_LIMITER");
  const body = await c.req.arrayBuffer();
  const signed = await isSignedByGithub(
    config(c.env).githubScanningKeysUrl,
    body,
    c.req.header("github-public-key-identifier"),
    c.req.header("github-public-key-signature"),
  );
  if (!signed) {
    await enforceAddressLimit(c.env, clientAddress(c.req.raw), "KEY_FAILURE_LIMITER");
    throw new ApiError("INVALID_SIGNATURE", "The alert's signature does not verify against GitHub's published keys.");
  }
  await next();
};

/** GitLab sends the shared secret in Authorization, as configured (a `Bearer ` prefix is accepted too). */
export const gitlabSecret: MiddlewareHandler<AppEnv> = async (c, next) => {
  await enforceAddressLimit(c.env, clientAddress(c.req.raw), "LEAK_REPORT_LIMITER");
  const expected = config(c.env).gitlabRevocationToken;
  const presented = (c.req.header("authorization") ?? "").replace(/^Bearer\s+/i, "");
  if (!expected || !timingSafeEqualStrings(presented, expected)) {
    throw new ApiError("INVALID_SIGNATURE", "Send the token revocation secret (GITLAB_REVOCATION_TOKEN) in Authorization.");
  }
  await next();
};
