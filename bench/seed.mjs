// Fills the bench's D1 the way production data looks: the schema from drizzle/*.sql, and real keys
// made by the Worker's own key generator (src/identity/key-format.ts, bundled for Node), of which only
// the SHA-256 is stored. The plaintext keys stay in memory, for the load generator to send.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { build } from "esbuild";

const KEYS_PER_USER = 100;
const ROWS_PER_INSERT = 500;

async function importTypeScript(path) {
  const { outputFiles } = await build({ entryPoints: [path], bundle: true, format: "esm", platform: "neutral", write: false });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`);
}

const sha256Hex = (text) => createHash("sha256").update(text).digest("hex");

export async function applyMigrations(db, dir = "drizzle") {
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()) {
    for (const statement of readFileSync(`${dir}/${file}`, "utf8").split("--> statement-breakpoint")) {
      if (statement.trim()) await db.prepare(statement).run();
    }
  }
}

/**
 * Seeds `count` keys spread over users of 100 keys each (the default per-user limit).
 * Returns the keys, plus well-formed keys that were never stored and malformed ones, for rows (e) and (f).
 */
export async function seedKeys(db, { count, prefix }) {
  const { generateKey, keyHint } = await importTypeScript("src/identity/key-format.ts");
  const users = Math.ceil(count / KEYS_PER_USER);
  const userRows = Array.from({ length: users }, (_, i) => `('listener${i + 1}', 'user', 'pbkdf2-sha256$100000$bench$not-a-login')`);
  await db.exec(`INSERT INTO users (username, role, password_hash) VALUES ${userRows.join(", ")}`);
  const { first } = await db.prepare("SELECT min(id) AS first FROM users").first();

  const keys = Array.from({ length: count }, () => generateKey(prefix));
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const rows = keys.slice(start, start + ROWS_PER_INSERT).map((key, i) => {
      const userId = first + Math.floor((start + i) / KEYS_PER_USER);
      return `(${userId}, 'bench key ${start + i}', '${sha256Hex(key)}', '${keyHint(key, prefix)}')`;
    });
    await db.exec(`INSERT INTO api_keys (user_id, name, key_hash, hint) VALUES ${rows.join(", ")}`);
  }
  const stored = await db.prepare("SELECT count(*) AS n FROM api_keys").first();
  if (stored.n !== count) throw new Error(`seeded ${stored.n} keys, expected ${count}`);

  const unknownKeys = Array.from({ length: 1000 }, () => generateKey(prefix));
  // Right shape, wrong checksum: refused by the format check alone.
  const malformedKeys = unknownKeys.map((key) => `${key.slice(0, -6)}${key.slice(-6) === "000000" ? "000001" : "000000"}`);
  return { keys, unknownKeys, malformedKeys };
}
