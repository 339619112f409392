import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates SQL here; wrangler applies it (migrations_dir = "drizzle").
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
  casing: "snake_case",
});
