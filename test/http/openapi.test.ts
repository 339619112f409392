import { describe, expect, it } from "vitest";
import { ERROR_CODE_LIST } from "../../src/lib/errors";
import { call, ORIGIN } from "../helpers";

interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  requestBody?: unknown;
  responses: Record<string, { headers?: Record<string, { $ref: string }> }>;
}
interface Document {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, any>;
    securitySchemes: Record<string, Record<string, string>>;
    headers: Record<string, unknown>;
  };
}

async function openApiDocument(): Promise<Document> {
  const response = await call("/api/openapi.json");
  expect(response.status).toBe(200);
  return response.json();
}

function operations(doc: Document) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
}

/** The header names a response declares, each checked to point at a published header component. */
function responseHeaders(doc: Document, response: { headers?: Record<string, { $ref: string }> } | undefined): string[] {
  return Object.entries(response?.headers ?? {}).map(([name, header]) => {
    expect(doc.components.headers).toHaveProperty(header.$ref.replace("#/components/headers/", ""));
    return name;
  });
}

describe("GET /api/openapi.json", () => {
  it("documents every endpoint of the contract in OpenAPI 3.1, with {id} paths", async () => {
    const doc = await openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(operations(doc).map((o) => o.name)).toEqual(
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
    const doc = await openApiDocument();
    expect(doc.components.schemas.CreateKeyRequest?.required).toEqual(["name"]);
    expect(doc.components.schemas.CreateUserRequest?.properties).toHaveProperty("role");
    expect(doc.components.schemas.Error?.properties).toHaveProperty("error");
  });

  it("gives every operation a unique camelCase operationId, so generated clients get stable method names", async () => {
    const ids = operations(await openApiDocument()).map(({ name, operation }) => {
      expect(operation.operationId, name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      return operation.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("names the origin that served it as the server", async () => {
    const doc = await openApiDocument();
    expect(doc.servers).toEqual([expect.objectContaining({ url: ORIGIN })]);
  });

  it("declares Api-Key, X-API-Key and Bearer as security schemes, and authenticated operations accept all three", async () => {
    const doc = await openApiDocument();
    const schemes = doc.components.securitySchemes;
    expect(schemes.apiKey).toMatchObject({ type: "apiKey", in: "header", name: "Api-Key" });
    expect(schemes.xApiKey).toMatchObject({ type: "apiKey", in: "header", name: "X-API-Key" });
    expect(schemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/me"]!.get!.security).toEqual(
      expect.arrayContaining([{ apiKey: [] }, { xApiKey: [] }, { bearer: [] }, { session: [] }]),
    );
    expect(doc.paths["/api/data/verify_key"]!.get!.security).toContainEqual({ apiKey: [] });
    // Users and passwords are never reachable with a key, and the document says so.
    expect(doc.paths["/api/users"]!.get!.security).toEqual([{ session: [] }]);
    for (const { name, operation } of operations(doc)) {
      for (const requirement of operation.security ?? []) {
        for (const scheme of Object.keys(requirement)) expect(schemes, name).toHaveProperty(scheme);
      }
    }
  });

  it("marks the operations that need no credentials with an empty security list", async () => {
    const doc = await openApiDocument();
    for (const [path, method] of [
      ["/api/setup", "get"],
      ["/api/setup", "post"],
      ["/api/auth/login", "post"],
      ["/api/keys/verify", "post"],
    ] as const) {
      expect(doc.paths[path]![method]!.security, `${method} ${path}`).toEqual([]);
    }
  });

  it("publishes the error code as an enum of every code the API can answer with", async () => {
    const doc = await openApiDocument();
    const code = doc.components.schemas.Error.properties.error.properties.code;
    expect([...code.enum].sort()).toEqual([...ERROR_CODE_LIST].sort());
  });

  it("declares 429 with Retry-After on every operation that can be rate-limited", async () => {
    const doc = await openApiDocument();
    const limited = operations(doc).filter(
      ({ name, operation }) =>
        (operation.security ?? []).length > 0 || ["POST /api/auth/login", "POST /api/setup", "POST /api/keys/verify"].includes(name),
    );
    expect(limited.length).toBeGreaterThan(15);
    for (const { name, operation } of limited) {
      expect(responseHeaders(doc, operation.responses["429"]), name).toContain("Retry-After");
    }
  });

  it("declares 503 with Retry-After wherever a key is checked (D1 unavailable: fail closed, retry later)", async () => {
    const doc = await openApiDocument();
    const checksKey = operations(doc).filter(
      ({ name, operation }) => operation.security?.some((s) => "apiKey" in s) || name === "POST /api/keys/verify",
    );
    expect(checksKey.length).toBeGreaterThan(10);
    for (const { name, operation } of checksKey) {
      expect(responseHeaders(doc, operation.responses["503"]), name).toContain("Retry-After");
    }
  });

  it("declares Set-Cookie where a session starts", async () => {
    const doc = await openApiDocument();
    expect(responseHeaders(doc, doc.paths["/api/auth/login"]!.post!.responses["200"])).toContain("Set-Cookie");
    expect(responseHeaders(doc, doc.paths["/api/setup"]!.post!.responses["201"])).toContain("Set-Cookie");
  });

  it("declares the D1 bookmark header on key writes, which answer with it", async () => {
    const doc = await openApiDocument();
    expect(responseHeaders(doc, doc.paths["/api/keys"]!.post!.responses["201"])).toEqual(
      expect.arrayContaining(["X-D1-Bookmark", "Set-Cookie"]),
    );
    expect(responseHeaders(doc, doc.paths["/api/keys/{id}"]!.delete!.responses["204"])).toContain("X-D1-Bookmark");
  });

  it("declares X-Request-Id on every answer, and 413 and 415 wherever a body is read", async () => {
    const doc = await openApiDocument();
    for (const { name, operation } of operations(doc)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(responseHeaders(doc, response), `${name} ${status}`).toContain("X-Request-Id");
      }
      if (operation.requestBody) expect(Object.keys(operation.responses), name).toEqual(expect.arrayContaining(["413", "415"]));
    }
  });

  it("puts the input limits in the schemas", async () => {
    const { components } = await openApiDocument();
    expect(components.schemas.CreateKeyRequest.properties.name).toMatchObject({ minLength: 1, maxLength: 100 });
    expect(components.schemas.CreateUserRequest.properties.password).toMatchObject({ minLength: 10, maxLength: 1024 });
    expect(components.schemas.CreateUserRequest.properties.username).toMatchObject({ minLength: 1, maxLength: 64 });
    expect(components.schemas.RollKeyRequest.properties.graceSeconds).toMatchObject({ minimum: 0, maximum: 604_800 });
  });

  it("makes VerifyKeyResult.valid a discriminator that maps true and false to their schemas", async () => {
    const { components } = await openApiDocument();
    expect(components.schemas.VerifyKeyResult.discriminator).toEqual({
      propertyName: "valid",
      mapping: { true: "#/components/schemas/ValidKey", false: "#/components/schemas/InvalidKey" },
    });
    expect(components.schemas.ValidKey.properties.valid).toMatchObject({ type: "boolean", enum: [true] });
    expect(components.schemas.InvalidKey.properties.valid).toMatchObject({ type: "boolean", enum: [false] });
    expect(components.schemas.ValidKey.required).toContain("valid");
  });
});
