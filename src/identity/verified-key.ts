import type { ApiKeyRow } from "../db/schema";
import type { KeyRestrictions } from "./key-restrictions";
import type { User } from "./users.schemas";

/**
 * The one shape of a verified key: the caller a valid key authenticates. verifyKey returns it, the
 * key cache holds it, requireAuth puts it on the request, and GET /api/me and POST /api/keys/verify
 * answer from it. `expiresAt` is epoch milliseconds (null: never), as D1 stores it.
 */
export interface KeyCaller {
  via: "apiKey";
  user: User;
  key: Pick<ApiKeyRow, "id" | "name" | "scope"> & { expiresAt: number | null } & KeyRestrictions;
}
