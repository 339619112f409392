import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../platform/env";
import { SESSION_COOKIE } from "../services/auth/sessions";
import { RESPONSE_HEADERS } from "./api-route";

export const OPENAPI_PATH = "/api/openapi.json";

/**
 * Serves the OpenAPI document: generated from the routes' zod schemas, with what third-party tools
 * need besides (checked by `npm run lint:openapi` with redocly): the server, the security schemes
 * the operations name, and the response headers they reference.
 */
export function serveOpenApiDocument(app: OpenAPIHono<AppEnv>) {
  const registry = app.openAPIRegistry;
  registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "Browser session, set by sign-in or setup.",
  });
  registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API key: `Authorization: Bearer podk_…`.",
  });
  registry.registerComponent("securitySchemes", "xApiKey", {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "An API key in the `X-API-Key` header.",
  });
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "apiKey",
    in: "header",
    name: "Api-Key",
    description: "An API key in the `Api-Key` header, as Pinepods clients send it.",
  });
  registry.registerComponent("securitySchemes", "basic", {
    type: "http",
    scheme: "basic",
    description: "Username and password (Pinepods' get_key only).",
  });
  for (const [name, header] of Object.entries(RESPONSE_HEADERS)) registry.registerComponent("headers", name, header);

  app.doc31(OPENAPI_PATH, (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Podkeys API",
      version: "0.1.0",
      description: "API key management for podcast servers. Keys are stored only as SHA-256 hashes.",
    },
    // The origin that served the document: tools resolve every path against the deployment they read it from.
    servers: [{ url: new URL(c.req.url).origin, description: "This Podkeys deployment" }],
  }));
}
