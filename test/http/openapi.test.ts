import { describe, expect, it } from "vitest";
import { call } from "../helpers";

describe("GET /api/openapi.json", () => {
  it("documents every endpoint of the contract in OpenAPI 3.1, with {id} paths", async () => {
    const response = await call("/api/openapi.json");
    expect(response.status).toBe(200);
    const doc = await response.json<{ openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>();
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(
      expect.arrayContaining([
        "GET /api/setup",
        "POST /api/setup",
        "POST /api/auth/login",
        "POST /api/auth/logout",
        "GET /api/me",
        "POST /api/me/password",
        "GET /api/keys",
        "POST /api/keys",
        "DELETE /api/keys/{id}",
        "POST /api/keys/verify",
        "GET /api/users",
        "POST /api/users",
        "PATCH /api/users/{id}",
        "DELETE /api/users/{id}",
      ]),
    );
  });

  it("describes request bodies from the same schemas that validate them", async () => {
    const doc = await (await call("/api/openapi.json")).json<{ components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } }>();
    expect(doc.components.schemas.CreateKeyRequest?.required).toEqual(["name"]);
    expect(doc.components.schemas.CreateUserRequest?.properties).toHaveProperty("role");
    expect(doc.components.schemas.Error?.properties).toHaveProperty("error");
  });
});
