import { OpenAPIHono } from "@hono/zod-openapi";
import { auditRouter } from "./audit/audit.index";
import { authRouter } from "./auth/auth.index";
import { csrfGuard } from "./auth/csrf";
import { SESSION_COOKIE } from "./auth/sessions";
import type { AppEnv } from "./env";
import { forwardOrNotFound, registerOwnRoutes, unlessForwarded } from "./gateway/forwarding";
import { meOriginRouter, originLinksRouter } from "./gateway/origin.index";
import { keysRouter } from "./keys/keys.index";
import { cors } from "./lib/cors";
import { handleError } from "./lib/error-handler";
import { ApiError } from "./lib/errors";
import { limitBody, requireJsonBody } from "./lib/request-guards";
import { requestLog } from "./lib/request-log";
import { securityHeaders } from "./lib/security-headers";
import { meRouter } from "./me/me.index";
import { pinepodsInstanceRouter } from "./pinepods/pinepods-instance.index";
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
// Forwarded requests (src/gateway/) skip only the body guards: their bodies stream to the origin as they are.
app.use("/api/*", cors, csrfGuard, unlessForwarded(limitBody), unlessForwarded(requireJsonBody));

app.route("/api/setup", setupRouter);
app.route("/api/auth", authRouter);
app.route("/api/me", meRouter);
app.route("/api/me/origin", meOriginRouter);
app.route("/api/origin/links", originLinksRouter);
app.route("/api/keys", keysRouter);
app.route("/api/users", usersRouter);
app.route("/api/audit", auditRouter);
app.route("/api/data", pinepodsRouter);
app.route("/api", pinepodsInstanceRouter);

app.openAPIRegistry.registerComponent("securitySchemes", "session", {
  type: "apiKey",
  in: "cookie",
  name: SESSION_COOKIE,
  description: "Browser session, set by sign-in or setup.",
});
app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description: "An API key: `Authorization: Bearer podk_…`.",
});
app.openAPIRegistry.registerComponent("securitySchemes", "basic", {
  type: "http",
  scheme: "basic",
  description: "Username and password (Pinepods' get_key only).",
});
app.openAPIRegistry.registerComponent("securitySchemes", "apiKeyHeader", {
  type: "apiKey",
  in: "header",
  name: "X-API-Key",
  description: "An API key in `X-API-Key` (or `Api-Key`, as Pinepods clients send it).",
});

app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "Podkeys API",
    version: "0.1.0",
    description: "API key management for podcast servers. Keys are stored only as SHA-256 hashes.",
  },
});

// Last, after every route (the OpenAPI document included): with ORIGIN_URL set, the Pinepods server answers every /api/* path Podkeys has no route for; else 404.
registerOwnRoutes(app.routes);
app.all("/api/*", forwardOrNotFound);
