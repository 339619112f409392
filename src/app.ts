import { OpenAPIHono } from "@hono/zod-openapi";
import { auditRouter } from "./audit/audit.index";
import { authRouter } from "./auth/auth.index";
import { csrfGuard } from "./auth/csrf";
import type { AppEnv } from "./env";
import { serveOpenApiDocument } from "./http/openapi-document";
import { keysRouter } from "./keys/keys.index";
import { cors } from "./lib/cors";
import { handleError } from "./lib/error-handler";
import { ApiError } from "./lib/errors";
import { limitBody, requireJsonBody } from "./lib/request-guards";
import { requestLog } from "./lib/request-log";
import { securityHeaders } from "./lib/security-headers";
import { meRouter } from "./me/me.index";
import { pinepodsRouter } from "./pinepods/pinepods.index";
import { setupRouter } from "./setup/setup.index";
import { usersRouter } from "./users/users.index";

export const app = new OpenAPIHono<AppEnv>();

app.onError(handleError);
app.use("*", requestLog, securityHeaders);
app.notFound(() => {
  throw new ApiError(404, "NOT_FOUND", "No such endpoint.");
});

// Health check for load balancers and the bench's runtime floor: touches no database.
app.get("/healthz", (c) => c.json({ ok: true }));

app.use("/api/*", async (c, next) => {
  await next();
  // Answers may hold a freshly created key or a user's data: no cache may keep them.
  c.header("Cache-Control", "no-store");
});
app.use("/api/*", cors, csrfGuard, limitBody, requireJsonBody);

app.route("/api/setup", setupRouter);
app.route("/api/auth", authRouter);
app.route("/api/me", meRouter);
app.route("/api/keys", keysRouter);
app.route("/api/users", usersRouter);
app.route("/api/audit", auditRouter);
app.route("/api/data", pinepodsRouter);

serveOpenApiDocument(app);
