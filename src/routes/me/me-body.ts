import type { z } from "@hono/zod-openapi";
import type { AuthContext } from "../../identity/caller";
import type { MeSchema } from "./me.schemas";

/** The body of GET /api/me, for both ways of answering it (the app, and the key gate ahead of it). */
export function meBody(auth: AuthContext): z.infer<typeof MeSchema> {
  if (auth.via === "apiKey") {
    const { id, name, scope } = auth.key;
    return { user: auth.user, via: auth.via, key: { id, name, scope } };
  }
  return { user: auth.user, via: auth.via };
}
