import { z } from "@hono/zod-openapi";
import { ROLES } from "../db/schema";

/** The user as every answer shows it (never the password hash), and the fields users are created with. */

export const RoleSchema = z.enum(ROLES).openapi("Role");

export const UserSchema = z.object({ id: z.number().int(), username: z.string(), role: RoleSchema }).openapi("User");

export type User = z.infer<typeof UserSchema>;

export const UsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, "may contain letters, digits and . _ @ - only")
  .openapi({ example: "alice" });

/** The upper bound caps the PBKDF2 work one request can ask for. */
export const PasswordSchema = z.string().min(10).max(1024).openapi({ example: "correct horse battery" });
