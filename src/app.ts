import { OpenAPIHono } from "@hono/zod-openapi";
import { preflight } from "./http/cors";
import { csrfGuard } from "./http/csrf";
import { renderError } from "./http/error-handler";
import { serveOpenApiDocument } from "./http/openapi-document";
import { exposeRequestId } from "./http/pipeline";
import { limitBody, requireJsonBody } from "./http/request-guards";
import { rememberRequest } from "./http/request-scope";
import { ApiError } from "./lib/errors";
import type { AppEnv } from "./platform/env";
import { adminRouter } from "./routes/admin/admin.index";
import { auditRouter } from "./routes/audit/audit.index";
import { authRouter } from "./routes/auth/auth.index";
import { forwardOrNotFound, openEndpointGuard, registerOwnRoutes, unlessForwarded, unlessStreamedOn } from "./routes/gateway/forwarding";
import { meOriginRouter, originLinksRouter } from "./routes/gateway/origin.index";
import { serveWebApp } from "./routes/gateway/web-app";
import { keyPermissionsRouter } from "./routes/keys/key-permissions.index";
import { keysRouter } from "./routes/keys/keys.index";
import { keyReportsRouter, leaksRouter } from "./routes/leaks/leaks.index";
import { meRouter } from "./routes/me/me.index";
import { notificationsRouter } from "./routes/notifications/notifications.index";
import { pinepodsRouter } from "./routes/pinepods/pinepods.index";
import { pinepodsInstanceRouter } from "./routes/pinepods/pinepods-instance.index";
import { setupRouter } from "./routes/setup/setup.index";
import { usersRouter } from "./routes/users/users.index";

/**
 * The Hono app. It runs inside the response pipeline (http/pipeline.ts, see index.ts), which adds
 * the request id, log line, security, CORS and Cache-Control headers to whatever it answers; errors
 * are rendered by the pipeline's own renderer, so an answer reads the same from any path.
 */
export const app = new OpenAPIHono<AppEnv>();

app.onError((error, c) => renderError(error, c.get("requestId")));
// The request scope is built by the first handler that asks for it (scopeOf, http/request-scope.ts), not by a middleware:
// /healthz, key checks and forwarded requests never need it.
app.use(exposeRequestId, rememberRequest);
app.notFound(() => {
  throw new ApiError("NOT_FOUND", "No such endpoint.");
});

// Health check for load balancers and the bench's runtime floor: touches no database.
app.get("/healthz", (c) => c.json({ ok: true }));

// Forwarded requests (src/routes/gateway/forwarding.ts) skip the CSRF guard (no cookie goes on) and the body
// guards (their bodies stream to the origin as they are), except Pinepods' open password reset, whose body is read here.
app.use("/api/*", preflight, openEndpointGuard, unlessForwarded(csrfGuard), unlessStreamedOn(limitBody), unlessStreamedOn(requireJsonBody));

// Chained, so the routes' types add up to AppType (for `hc` / `testClient`).
const routes = app
  .route("/api/setup", setupRouter)
  .route("/api/auth", authRouter)
  .route("/api/me", meRouter)
  .route("/api/me/origin", meOriginRouter)
  .route("/api/me/notifications", notificationsRouter)
  .route("/api/origin/links", originLinksRouter)
  .route("/api/keys", keyPermissionsRouter)
  .route("/api/keys", keyReportsRouter)
  .route("/api/keys", keysRouter)
  .route("/api/leaks", leaksRouter)
  .route("/api/users", usersRouter)
  .route("/api/audit", auditRouter)
  .route("/api/admin", adminRouter)
  .route("/api/data", pinepodsRouter)
  .route("/api", pinepodsInstanceRouter);

export type AppType = typeof routes;

serveOpenApiDocument(app);

// Last, after every route (the OpenAPI document included): with ORIGIN_URL set, the Pinepods server
// answers every /api/* path Podkeys has no route for (src/routes/gateway/forwarding.ts); without it, 404 as before.
registerOwnRoutes(app.routes);
app.all("/api/*", forwardOrNotFound);
// Pinepods' WebSockets (the web app's live updates), keyed by `?api_key=` (services/gateway/websocket.ts).
app.all("/ws/*", forwardOrNotFound);
// Every other path: the settings page (/podkeys/, and / with the gateway off), or Pinepods' web app.
app.all("*", serveWebApp);
