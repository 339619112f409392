import { beforeAll, describe, expect, it } from "vitest";
import { respond } from "../../src/http/pipeline";
import { call, createKey, env, ORIGIN, setupAdmin } from "../helpers";

const SECURITY_HEADERS = ["content-security-policy", "referrer-policy", "x-content-type-options", "x-frame-options"];

let key: string;
beforeAll(async () => {
  const admin = await setupAdmin();
  key = (await createKey(admin.cookie, "pipeline")).key;
});

function pipelineHeaders(response: Response) {
  return Object.fromEntries(
    [...SECURITY_HEADERS, "cache-control", "content-type", "access-control-allow-origin", "vary"].map((name) => [
      name,
      response.headers.get(name),
    ]),
  );
}

describe("the response pipeline", () => {
  it("gives the key gate's answers and the app's the same headers, id and shape", async () => {
    const init = { key, headers: { origin: "https://dashboard.example" } };
    const gate = await call("/api/me", init); // answered ahead of the router
    const app = await call("/api/keys", init); // answered by Hono
    expect(gate.status).toBe(200);
    expect(app.status).toBe(200);
    expect(pipelineHeaders(gate)).toEqual(pipelineHeaders(app));
    expect(pipelineHeaders(gate)).toMatchObject({
      "cache-control": "no-store",
      "access-control-allow-origin": "*",
      "x-frame-options": "DENY",
    });
    for (const response of [gate, app]) expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const gateError = await call("/api/me", { ...init, key: "podk_nope" });
    const appError = await call("/api/keys", { ...init, key: "podk_nope" });
    expect(pipelineHeaders(gateError)).toEqual(pipelineHeaders(appError));
    const withoutId = async (response: Response) => {
      const { error } = await response.json<{ error: { requestId: string } }>();
      expect(error.requestId).toBe(response.headers.get("x-request-id"));
      return { ...error, requestId: undefined };
    };
    expect(await withoutId(gateError)).toEqual(await withoutId(appError));
  });

  it("renders anything a path throws as the JSON 500, with the headers and request id", async () => {
    const response = await respond(new Request(`${ORIGIN}/api/anything`), env, () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secret_column')");
    });
    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(pipelineHeaders(response)).toMatchObject({ "cache-control": "no-store", "x-content-type-options": "nosniff" });
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "INTERNAL_ERROR", message: "Something went wrong on our side.", requestId: response.headers.get("x-request-id") },
    });
    expect(text).not.toContain("secret_column");
  });

  it("decorates an answer whose headers are immutable, as a passed-through fetch() answer's are", async () => {
    const upstream = Response.redirect(`${ORIGIN}/elsewhere`, 302); // immutable headers, like fetch()'s
    expect(() => upstream.headers.set("x-probe", "1")).toThrow(TypeError);
    const response = await respond(new Request(`${ORIGIN}/api/data/somewhere`), env, () => upstream);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/elsewhere`);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(pipelineHeaders(response)).toMatchObject({ "cache-control": "no-store", "x-content-type-options": "nosniff" });
  });

  it("passes a streamed body through as it streams, keeping the answer's own Cache-Control", async () => {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const encoder = new TextEncoder();
    void writer.write(encoder.encode("first chunk;"));
    const upstream = new Response(readable, {
      status: 206,
      headers: { "content-type": "audio/mpeg", "cache-control": "public, max-age=60" },
    });

    const response = await respond(new Request(`${ORIGIN}/api/data/stream`), env, () => upstream);
    expect(response.status).toBe(206);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");

    // The first chunk arrives while the upstream has not finished: nothing waited for the whole body.
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first chunk;");
    void writer.write(encoder.encode("second chunk"));
    void writer.close();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("second chunk");
    expect((await reader.read()).done).toBe(true);
  });
});
