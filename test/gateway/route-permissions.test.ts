import { describe, expect, it } from "vitest";
import { openEndpointMethods } from "../../src/services/gateway/open-endpoints";
import { matchRoute, ROUTE_PERMISSIONS } from "../../src/services/gateway/route-permissions";
import { call } from "../helpers";
import { NOT_KEYED, ROUTES } from "./pinepods-origin.js";

interface PermissionMap {
  levels: string[];
  groups: { name: string; description: string; routes: { read: string[]; write: string[] } }[];
  unmapped: string;
}

/** A concrete request path for a route of the map: every parameter becomes 7. */
const concrete = (route: string) => {
  const [method, path] = route.split(" ") as [string, string];
  return { method, path: path.replace(/\{\*[^}]+\}/g, "a/b.mp3").replace(/\{[^}]+\}/g, "7") };
};

describe("GET /api/keys/permissions", () => {
  it("lists the groups and levels and, for each group, the routes it covers; needs no credentials", async () => {
    const response = await call("/api/keys/permissions");
    expect(response.status).toBe(200);
    const map = await response.json<PermissionMap>();
    expect(map.levels).toEqual(["read", "write"]);
    expect(map.groups.map((group) => group.name)).toEqual(["podcasts", "playback", "feeds", "downloads", "settings", "admin", "keys"]);
    expect(map.groups.find((group) => group.name === "admin")?.routes.write).toContain("GET /api/data/refresh_pods");
    expect(map.unmapped).toMatch(/every group at write/);
  });

  it("every route the stand-in Pinepods serves appears in exactly one group and level", async () => {
    const map = await (await call("/api/keys/permissions")).json<PermissionMap>();
    const placements = map.groups.flatMap((group) =>
      (["read", "write"] as const).flatMap((level) => group.routes[level].map((route) => ({ route, group: group.name, level }))),
    );
    for (const route of ROUTES) {
      expect(
        placements.filter((placement) => placement.route === route),
        route,
      ).toHaveLength(1);
    }
  });

  it("the stand-in's routes without a key are exactly that: open endpoints, or the web app outside /api; never also keyed", () => {
    for (const [route, reason] of Object.entries(NOT_KEYED)) {
      const [method, path] = route.split(" ") as [string, string];
      expect(ROUTES, route).not.toContain(route);
      if (reason.startsWith("open endpoint")) expect(openEndpointMethods(path)?.has(method), route).toBe(true);
      else expect(path.startsWith("/api/") || path.startsWith("/ws/"), route).toBe(false);
    }
    // And every keyed route is one the gateway asks a key for.
    for (const route of ROUTES) expect(openEndpointMethods(route.split(" ")[1]!), route).toBeUndefined();
  });

  it("no route of the map is listed twice", () => {
    const all = Object.values(ROUTE_PERMISSIONS).flatMap((levels) => [...levels.read, ...levels.write]);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("the matcher", () => {
  it("finds each route of the map from a concrete request, and that route's own rule", () => {
    for (const [group, levels] of Object.entries(ROUTE_PERMISSIONS)) {
      for (const [level, routes] of Object.entries(levels)) {
        for (const route of routes) {
          const { method, path } = concrete(route);
          expect(matchRoute(method, path), route).toMatchObject({ route, group, level });
        }
      }
    }
  });

  it("decides by what a route does, not its method", () => {
    expect(matchRoute("GET", "/api/data/refresh_pods")).toMatchObject({ group: "admin", level: "write" });
    expect(matchRoute("POST", "/api/data/search_data")).toMatchObject({ group: "podcasts", level: "read" });
    expect(matchRoute("HEAD", "/api/data/stream/12")).toMatchObject({ group: "downloads", level: "read" });
  });

  it("knows where a route names a user and a podcast", () => {
    expect(matchRoute("GET", "/api/data/return_pods/7")?.userIdSegments).toEqual([4]);
    expect(matchRoute("POST", "/api/data/12/merge")?.podcastIdSegments).toEqual([3]);
    expect(matchRoute("GET", "/api/data/user/custom_themes/7")).toMatchObject({ route: "GET /api/data/user/custom_themes/{user_id}" });
  });

  it("has no rule for a route outside Pinepods' table, another method, or a path stretched by a segment", () => {
    expect(matchRoute("GET", "/api/data/something_new")).toBeUndefined();
    expect(matchRoute("DELETE", "/api/data/return_pods/7")).toBeUndefined();
    expect(matchRoute("GET", "/api/data/return_pods/7/extra")).toBeUndefined();
  });
});
