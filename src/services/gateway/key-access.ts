import { ALL_WRITE, allows, isWithin } from "../../identity/permissions";
import type { KeyCaller } from "../../identity/verified-key";
import { ApiError } from "../../lib/errors";
import type { Env, WaitUntil } from "../../platform/env";
import { refused } from "../keys/key-place";
import { matchRoute, type RouteRule } from "./route-permissions";

/**
 * What a valid key may reach through the gateway, decided at the edge before anything goes to
 * Pinepods (the key's fence and rate limit were checked with the key, keys/key-place.ts):
 * 1. The route's group and level (route-permissions.ts); a route outside the map needs every group at write.
 * 2. Its owner's Pinepods user only, unless the key has `admin`: a `user_id` in the path, the query or a
 *    JSON body that is not the owner's origin user id → 403 KEY_NOT_ALLOWED. Pinepods itself lets an
 *    administrator's key act for anyone; a key handed to a dashboard must not.
 * 3. A feed key (podcastIds): its `podcasts` and `feeds` routes must name only its podcasts (`podcast_id`
 *    in the path, query or JSON body); a route that names none (a list of every podcast, the whole feed) → 403.
 * Every refusal is counted as refused in the key's usage. A JSON body is read only when the owner or
 * podcast check needs it, and only up to MAX_CHECKED_BODY: it is then forwarded as read (returned).
 */
export const MAX_CHECKED_BODY = 1024 * 1024;
const NARROWED_GROUPS = new Set(["podcasts", "feeds"]);

export async function checkKeyAccess(
  env: Env,
  ctx: WaitUntil,
  request: Request,
  caller: KeyCaller,
  originUserId: number,
): Promise<string | undefined> {
  try {
    return await decide(request, caller, originUserId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) refused(env, ctx, caller.key.id);
    throw error;
  }
}

async function decide(request: Request, { key }: KeyCaller, originUserId: number): Promise<string | undefined> {
  const url = new URL(request.url);
  const rule = matchRoute(request.method, url.pathname);
  if (!rule) {
    if (!isWithin(ALL_WRITE, key.permissions)) {
      throw new ApiError(
        "INSUFFICIENT_SCOPE",
        "Podkeys does not know this Pinepods route: only a key with every group at write may use it.",
      );
    }
  } else if (!allows(key.permissions, rule.group, rule.level)) {
    throw new ApiError("INSUFFICIENT_SCOPE", `This key lacks ${rule.group}:${rule.level}, which ${rule.route} needs.`);
  }

  const ownerOnly = key.permissions.admin === undefined;
  const feedKey = key.podcastIds !== null && rule !== undefined && NARROWED_GROUPS.has(rule.group);
  if (!ownerOnly && !feedKey) return undefined;

  const segments = url.pathname.split("/");
  const body = await readJsonBody(request);
  if (ownerOnly) {
    const userIds = [
      ...(rule?.userIdSegments ?? []).map((index) => segments[index]),
      ...url.searchParams.getAll("user_id"),
      ...valuesOf(body.value, "user_id"),
    ];
    if (userIds.some((id) => String(id) !== String(originUserId))) {
      throw new ApiError("KEY_NOT_ALLOWED", "This key reaches only its owner's Pinepods account.");
    }
  }
  if (feedKey && rule) {
    const podcastIds = [
      ...podcastSegments(rule, segments),
      ...url.searchParams.getAll("podcast_id"),
      ...valuesOf(body.value, "podcast_id"),
    ];
    const allowed = new Set((key.podcastIds ?? []).map(String));
    if (podcastIds.length === 0) {
      throw new ApiError("KEY_NOT_ALLOWED", "This key reaches only chosen podcasts: name one with podcast_id.");
    }
    if (podcastIds.some((id) => !allowed.has(String(id)))) {
      throw new ApiError("KEY_NOT_ALLOWED", "This key does not reach that podcast.");
    }
  }
  return body.text;
}

const podcastSegments = (rule: RouteRule, segments: string[]) => rule.podcastIdSegments.map((index) => segments[index]);

/**
 * The JSON body, when there is one to check: read whole (at most MAX_CHECKED_BODY), parsed, and
 * handed back as text to be forwarded instead of the stream. Another type of body streams on
 * unread: Pinepods' JSON handlers refuse anything not sent as JSON.
 */
async function readJsonBody(request: Request): Promise<{ value: unknown; text: string | undefined }> {
  const type = request.headers.get("content-type") ?? "";
  if (request.method === "GET" || request.method === "HEAD" || request.body === null || !/json/i.test(type)) {
    return { value: undefined, text: undefined };
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_CHECKED_BODY) throw tooLarge();
  const text = await readCapped(request.body, MAX_CHECKED_BODY);
  try {
    return { value: text === "" ? undefined : JSON.parse(text), text };
  } catch {
    throw new ApiError("MALFORMED_JSON", "The body is not valid JSON.");
  }
}

const tooLarge = () =>
  new ApiError("PAYLOAD_TOO_LARGE", `A JSON body through a key without admin is checked at the edge: at most ${MAX_CHECKED_BODY} bytes.`);

async function readCapped(stream: ReadableStream<Uint8Array>, cap: number): Promise<string> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** Every value of a property with this name, at any depth (a bulk request may nest them). */
function valuesOf(value: unknown, name: string, found: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) valuesOf(item, name, found);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === name) found.push(item);
      valuesOf(item, name, found);
    }
  }
  return found;
}
