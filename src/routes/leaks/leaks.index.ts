import { createRouter } from "../../http/router";
import { CHECKSUM_LENGTH, keyPattern, SECRET_LENGTH, testKey } from "../../identity/key-format";
import { afterResponse } from "../../lib/after-response";
import { clientAddress } from "../../lib/client-address";
import { sha256Hex } from "../../lib/crypto";
import { config } from "../../platform/config";
import { enforceAddressLimit } from "../../platform/rate-limits";
import { revokeLeaked } from "../../services/leaks/revoke-leaked";
import { GITLAB_TOKEN_TYPE } from "./leak-guards";
import { githubAlertRoute, gitlabRevokeRoute, gitlabTokenTypesRoute, keyFormatRoute, reportKeyRoute } from "./leaks.routes";

export const leaksRouter = createRouter()
  .openapi(githubAlertRoute, async (c) => {
    const feedback = [];
    for (const alert of c.req.valid("json")) {
      const label = await revokeLeaked(c.env, c.executionCtx, { token: alert.token, source: "github", url: alert.url ?? null });
      feedback.push({ token_hash: await sha256Hex(alert.token), token_type: alert.type, label });
    }
    return c.json(feedback, 200);
  })
  .openapi(gitlabTokenTypesRoute, (c) => c.json({ types: [GITLAB_TOKEN_TYPE] }, 200))
  .openapi(gitlabRevokeRoute, async (c) => {
    for (const token of c.req.valid("json")) {
      if (token.type !== GITLAB_TOKEN_TYPE) continue;
      await revokeLeaked(c.env, c.executionCtx, { token: token.token, source: "gitlab", url: token.location ?? null });
    }
    return c.body(null, 204);
  });

/** Under /api/keys: the public report and the published format. */
export const keyReportsRouter = createRouter()
  .openapi(reportKeyRoute, async (c) => {
    await enforceAddressLimit(c.env, clientAddress(c.req.raw), "LEAK_REPORT_LIMITER");
    const { key, url } = c.req.valid("json");
    // After the answer, so neither its body nor its timing says whether the key was live.
    afterResponse(c.executionCtx, "leak report", () =>
      revokeLeaked(c.env, c.executionCtx, { token: key.trim(), source: "report", url: url ?? null }),
    );
    return c.json({ received: true as const }, 202);
  })
  .openapi(keyFormatRoute, (c) => {
    const prefix = config(c.env).keyPrefix;
    return c.json(
      {
        prefix,
        regex: `${prefix}_[0-9A-Za-z]{${SECRET_LENGTH + CHECKSUM_LENGTH}}`,
        anchoredRegex: keyPattern(prefix).source,
        length: prefix.length + 1 + SECRET_LENGTH + CHECKSUM_LENGTH,
        checksum: {
          algorithm: "crc32",
          description: `CRC-32 (IEEE 802.3, as in zlib) of the ${SECRET_LENGTH} characters after "${prefix}_", written as ${CHECKSUM_LENGTH} base62 characters (0-9A-Za-z, big-endian, zero-padded) at the end of the key.`,
        },
        testKey: testKey(prefix),
      },
      200,
    );
  });
