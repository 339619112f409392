// Row (s): sign-in timing. An unknown username, a wrong password and a right password with two-factor on
// must take the same work before the answer (test/auth/sign-in-timing.test.ts counts it: one PBKDF2, the
// same D1 statements); this measures what that gives in time. Sequential requests (one at a time, so
// the three cases share the machine alike), in a shuffled order, medians per case.
import { pbkdf2Sync, randomBytes } from "node:crypto";

const TRIES = Number(process.env.BENCH_SIGN_IN_TRIES ?? 60);
const PASSWORD = "bench sign-in password";
const b64url = (buffer) => Buffer.from(buffer).toString("base64url");

/** Two users of the bench's D1: `timing-plain` and `timing-2fa` (two-factor on; its secret is never opened at step one). */
export async function seedSignInUsers(db) {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(PASSWORD, salt, 100_000, 32, "sha256");
  const stored = `pbkdf2-sha256$100000$${b64url(salt)}$${b64url(hash)}`;
  await db
    .prepare(
      "INSERT INTO users (username, role, password_hash, two_factor_secret, two_factor_enabled_at) VALUES (?, 'user', ?, NULL, NULL), (?, 'user', ?, 'v1.bench', ?)",
    )
    .bind("timing-plain", stored, "timing-2fa", stored, Date.now())
    .run();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function measureSignInTiming(baseUrl) {
  const cases = {
    unknown: { username: "nobody-at-all", password: "wrong", expect: 401 },
    wrongPassword: { username: "timing-plain", password: "wrong", expect: 401 },
    rightWithTwoFactor: { username: "timing-2fa", password: PASSWORD, expect: 200 },
  };
  const order = Object.keys(cases).flatMap((name) => Array(TRIES).fill(name));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const name of order) {
    const { username, password, expect } = cases[name];
    const started = performance.now();
    const response = await fetch(new URL("/api/auth/login", baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ username, password }),
    });
    await response.arrayBuffer();
    times[name].push(performance.now() - started);
    if (response.status !== expect) throw new Error(`sign-in timing, ${name}: expected ${expect}, got ${response.status}`);
  }
  const medians = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, Number(median(list).toFixed(2))]));
  console.log(
    `(s) sign-in timing, medians of ${TRIES} tries each, shuffled: unknown user ${medians.unknown} ms · wrong password ` +
      `${medians.wrongPassword} ms · right password, two-factor on ${medians.rightWithTwoFactor} ms`,
  );
  return { tries: TRIES, mediansMs: medians };
}
