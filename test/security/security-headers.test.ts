import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import pageHeaders from "../../public/_headers?raw";
import { call, createKey, setupAdmin } from "../helpers";

/** Parses a `_headers` file (https://developers.cloudflare.com/workers/static-assets/headers/) into path → headers. */
function parseHeadersFile(text: string): Map<string, Map<string, string>> {
  const rules = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      current = new Map();
      rules.set(line.trim(), current);
      continue;
    }
    const colon = line.indexOf(":");
    if (!current || colon < 0) throw new Error(`not a header line: ${line}`);
    current.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return rules;
}

function cspDirectives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

describe("the page's headers (public/_headers, applied by static assets)", () => {
  const page = parseHeadersFile(pageHeaders).get("/*");

  it("has a rule for every path", () => {
    expect(page).toBeDefined();
  });

  it("allows scripts from our own origin only: no inline script, no eval, no other host", () => {
    const csp = cspDirectives(page!.get("content-security-policy") ?? "");
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    for (const values of csp.values()) expect(values).not.toContain("'unsafe-inline'");
  });

  it("cannot be framed (clickjacking)", () => {
    const csp = cspDirectives(page!.get("content-security-policy") ?? "");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(page!.get("x-frame-options")).toBe("DENY");
  });

  it("sends nosniff, no referrer (the setup link carries its token) and HSTS", () => {
    expect(page!.get("x-content-type-options")).toBe("nosniff");
    expect(page!.get("referrer-policy")).toBe("no-referrer");
    const hsts = /^max-age=(\d+)/.exec(page!.get("strict-transport-security") ?? "");
    expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(31_536_000);
  });

  it("ships no page with an inline script or event handler, which the CSP would block", () => {
    const pages = import.meta.glob("../../src/ui/**/*.html", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
    for (const [path, html] of Object.entries(pages)) {
      for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag, path).toMatch(/\bsrc=/i);
      expect(html, path).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });
});

describe("headers on every answer of the Worker", () => {
  let cookie: string;
  let key: string;
  beforeAll(async () => {
    ({ cookie } = await setupAdmin());
    ({ key } = await createKey(cookie));
  });

  const answers = () =>
    [
      ["GET /healthz", call("/healthz")],
      ["GET /api/me (200)", call("/api/me", { key })],
      ["POST /api/keys (201)", call("/api/keys", { method: "POST", cookie, json: { name: "headers" } })],
      ["POST /api/auth/logout (204)", call("/api/auth/logout", { method: "POST", cookie: "podkeys_session=unknown" })],
      ["GET /api/me (401)", call("/api/me", { key: "podk_wrong" })],
      ["GET /api/nope (404)", call("/api/nope")],
      ["POST /api/auth/login (413)", call("/api/auth/login", { method: "POST", json: { username: "x", password: "y".repeat(20_000) } })],
    ] as const;

  it("carries a unique X-Request-Id", async () => {
    const ids = new Set<string>();
    for (const [what, pending] of answers()) {
      const id = (await pending).headers.get("x-request-id");
      expect(id, what).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(id!);
    }
    expect(ids.size).toBe(answers().length);
  });

  it("is never sniffed, framed, rendered as a document or cached", async () => {
    for (const [what, pending] of answers()) {
      const headers = (await pending).headers;
      expect(headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(headers.get("content-security-policy"), what).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers.get("x-frame-options"), what).toBe("DENY");
      expect(headers.get("referrer-policy"), what).toBe("no-referrer");
      if (what.includes("/api/")) expect(headers.get("cache-control"), what).toBe("no-store");
    }
  });

  it("adds HSTS on https only", async () => {
    const https = await exports.default.fetch("https://podkeys.test/healthz");
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect((await call("/healthz")).headers.get("strict-transport-security")).toBeNull();
  });
});
