// Checks issue 22's "Done when" from outside: it runs `npm start` itself (four times: a restart, a new
// VAULT_KEY with the old one as VAULT_KEY_PREVIOUS, the old key gone, the old key back) and reaches the
// local D1 file with Debian's sqlite3 for fault injection (a trigger that fails audit inserts).
//   node test/gateway/serve-origin.mjs 8041 &      # the stand-in Pinepods server
//   rm -rf .wrangler/state && node scripts/check-under-attack.mjs
// Needs a fresh local D1 (setup not yet done); rewrites ORIGIN_URL, VAULT_KEY and VAULT_KEY_PREVIOUS in
// .dev.vars. Takes about 17 minutes: it waits out the second step's 15-minute lock. One line per check;
// exits 1 if any fails.
import { execFileSync, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

const B = "http://localhost:8787";
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let server;

function b32decode(s) {
  const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of s.replace(/=+$/, "").toUpperCase()) bits += alpha.indexOf(ch).toString(2).padStart(5, "0");
  const out = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(out);
}
function totp(secret, offset = 0) {
  const counter = Math.floor(Date.now() / 30000) + offset;
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(counter));
  const h = createHmac("sha1", b32decode(secret)).update(buf).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1e6).padStart(6, "0");
}

class Client {
  constructor(ip) {
    this.cookies = new Map();
    this.ip = ip;
  }
  async req(method, path, body, headers = {}) {
    const h = { "Sec-Fetch-Site": "same-origin", "CF-Connecting-IP": this.ip, ...headers };
    if (this.cookies.size) h.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (body !== undefined) h["Content-Type"] = "application/json";
    const res = await fetch(B + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
    });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(";");
      const i = kv.indexOf("=");
      this.cookies.set(kv.slice(0, i), kv.slice(i + 1));
    }
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json, retryAfter: res.headers.get("retry-after") };
  }
}

function setVars(vars) {
  let text = readFileSync(".dev.vars", "utf8");
  for (const [k, v] of Object.entries(vars)) {
    text = text.replace(new RegExp(`^${k}=.*\\n?`, "m"), "");
    if (v !== null) text += `${k}="${v}"\n`;
  }
  writeFileSync(".dev.vars", text);
}
async function start(label) {
  server = spawn("npm", ["start"], {
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  server.stdout.on("data", (d) => (out += d));
  server.stderr.on("data", (d) => (out += d));
  server.out = () => out;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${B}/healthz`)).ok) {
        log(`started (${label})`);
        return;
      }
    } catch {}
    await sleep(1000);
  }
  throw new Error(`no start\n${out}`);
}
async function stop() {
  process.kill(-server.pid, "SIGTERM");
  for (let i = 0; i < 60; i++) {
    try {
      await fetch(`${B}/healthz`);
    } catch {
      return;
    }
    await sleep(500);
  }
}
function sqlite(sql) {
  const dir = ".wrangler/state/v3/d1/miniflare-D1DatabaseObject";
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  return execFileSync("sqlite3", [`${dir}/${file}`, sql])
    .toString()
    .trim();
}
const results = [];
function check(name, ok, detail = "") {
  results.push(`${ok ? "PASS" : "FAIL"} ${name} ${detail}`);
  log(ok ? "PASS" : "FAIL", name, detail);
}

async function login(c, username, password, secret) {
  for (;;) {
    const r = await c.req("POST", "/api/auth/login", { username, password });
    if (r.status === 429) {
      log("login limited", r.retryAfter);
      await sleep((Number(r.retryAfter) + 1) * 1000);
      continue;
    }
    if (!secret || !r.json.twoFactorRequired) return r;
    return c.req("POST", "/api/auth/login/two-factor", { mfaToken: r.json.mfaToken, code: totp(secret) });
  }
}
async function enrol(c) {
  const r = await c.req("POST", "/api/me/two-factor");
  const secret = r.json.secret;
  const conf = await c.req("POST", "/api/me/two-factor/confirm", { code: totp(secret) });
  if (conf.status !== 200) throw new Error(`enrol ${JSON.stringify(r)}${JSON.stringify(conf)}`);
  return secret;
}

const K1 = `k1:${randomBytes(32).toString("base64url")}`;
const K2 = `k2:${randomBytes(32).toString("base64url")}`;
if (!/^SETUP_TOKEN=/m.test(existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "")) {
  writeFileSync(".dev.vars", `SETUP_TOKEN="${randomBytes(24).toString("hex")}"\n`, { flag: "a", mode: 0o600 });
}
const token = /^SETUP_TOKEN="?([^"\n]+)/m.exec(readFileSync(".dev.vars", "utf8"))[1];
setVars({ ORIGIN_URL: "http://127.0.0.1:8041", VAULT_KEY: K1, VAULT_KEY_PREVIOUS: null });
await start("VAULT_KEY=K1");
try {
  const root = new Client("10.0.0.1");
  check("setup", (await root.req("POST", "/api/setup", { token, username: "root", password: "root password 12345" })).status === 201);
  const pw = (n) => `${n} password 12345`;
  for (const n of ["alice", "carol", "dave", "erin"]) await root.req("POST", "/api/users", { username: n, password: pw(n), role: "user" });
  const alice = new Client("10.0.1.1"),
    carol = new Client("10.0.2.1"),
    dave = new Client("10.0.3.1"),
    erin = new Client("10.0.4.1");
  await login(erin, "erin", pw("erin"));
  const secrets = {};
  for (const [c, n, origin] of [
    [alice, "alice", "bob"],
    [carol, "carol", "ann"],
    [dave, "dave", "dan"],
  ]) {
    await login(c, n, pw(n));
    secrets[n] = await enrol(c);
    const link = await c.req("PUT", "/api/me/origin", { username: origin, password: `${origin}'s pinepods password` });
    const key = await c.req("POST", "/api/keys", { name: "door", scope: "read" });
    c.key = key.json.key;
    c.originId = link.json.originUserId;
    if (link.status !== 200 || key.status !== 201)
      throw new Error(`${n} link ${JSON.stringify(link.json)} key ${JSON.stringify(key.json)}`);
  }
  const door = (c, ip = "10.5.5.5") =>
    fetch(`${B}/api/data/return_pods/${c.originId}`, { headers: { "Api-Key": c.key, "CF-Connecting-IP": ip } }).then(async (r) => ({
      status: r.status,
      body: await r.text(),
      retryAfter: r.headers.get("retry-after"),
    }));
  const g = await door(carol);
  check("gateway works for carol under K1", g.status === 200, `${g.status} ${g.body.slice(0, 100)}`);

  // Atomic session end with the audit insert failing.
  const roots = [root, new Client("10.0.0.2"), new Client("10.0.0.3")];
  for (const c of roots.slice(1)) await login(c, "root", "root password 12345");
  const before = Number(sqlite("select count(*) from sessions s join users u on u.id=s.user_id where u.username='root'"));
  sqlite("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'injected'); END;");
  const end = await root.req("DELETE", "/api/me/sessions");
  const after = Number(sqlite("select count(*) from sessions s join users u on u.id=s.user_id where u.username='root'"));
  check(
    "DELETE /api/me/sessions with audit failing → 503, nothing changed",
    end.status === 503 && before === after && before >= 3,
    `status ${end.status} retry-after ${end.retryAfter} sessions ${before}→${after} ${JSON.stringify(end.json).slice(0, 120)}`,
  );
  const one = await root.req("GET", "/api/me/sessions");
  const other = one.json.sessions.find((s) => !s.current);
  const endOne = await root.req("DELETE", `/api/me/sessions/${other.id}`);
  check(
    "DELETE one session with audit failing → 503",
    endOne.status === 503 &&
      Number(sqlite("select count(*) from sessions s join users u on u.id=s.user_id where u.username='root'")) === before,
    `status ${endOne.status}`,
  );
  sqlite("DROP TRIGGER fail_audit;");
  const chg = await root.req("POST", "/api/me/password", { currentPassword: "root password 12345", newPassword: "root password 67890" });
  const ev = sqlite("select count(*) from audit_events where type='user.password_changed'");
  check("password change writes user.password_changed", chg.status === 204 && ev === "1", `status ${chg.status} events ${ev}`);

  // Standard user's audit list: no IPs on events caused by others (root reset-style events about alice).
  await root.req("POST", `/api/users/${(await root.req("GET", "/api/users")).json.users.find((u) => u.username === "erin").id}/password`, {
    newPassword: "erin password 67890",
  });
  const erin2 = new Client("10.0.4.2");
  await login(erin2, "erin", "erin password 67890");
  const evs = (await erin2.req("GET", "/api/audit")).json.events;
  const byOthers = evs.filter((e) => e.actor?.username !== "erin");
  check(
    "standard user's audit: no IP on events by others",
    byOthers.length > 0 && byOthers.every((e) => e.ip == null),
    `${byOthers.length} events by others: ${JSON.stringify(byOthers.map((e) => [e.type, e.ip]))}; own with ip: ${evs.filter((e) => e.actor?.username === "erin" && e.ip).length}`,
  );

  // 70 bad keys from one address; a key that worked from it a minute earlier still works.
  const house = "10.7.7.7";
  check("carol's key works from the household address", (await door(carol, house)).status === 200);
  let refused = 0;
  for (let i = 0; i < 70; i++) {
    const r = await fetch(`${B}/api/data/return_pods/1`, {
      headers: { "Api-Key": `podk_${randomBytes(36).toString("base64url").slice(0, 48)}`, "CF-Connecting-IP": house },
    });
    if (r.status === 429) refused++;
    await r.arrayBuffer();
  }
  const good = await door(carol, house);
  const bad = await fetch(`${B}/api/data/return_pods/1`, {
    headers: { "Api-Key": `podk_${randomBytes(36).toString("base64url").slice(0, 48)}`, "CF-Connecting-IP": house },
  });
  check(
    "after 70 bad keys: the known key works, a new bad key 429",
    good.status === 200 && bad.status === 429,
    `good ${good.status} bad ${bad.status} (${refused} of 70 were already 429)`,
  );
  const otherKey = await door(dave, house);
  // The exemption is per key and address: a valid key never seen from there waits like any other.
  check("a valid key never seen from that address is refused 429 too", otherKey.status === 429, `→ ${otherKey.status}`);

  // Second-step lock: 10 wrong codes over fresh mfaTokens from different addresses.
  let last;
  for (let i = 0; i < 10; i++) {
    const c = new Client(`10.1.${i}.1`);
    const r = await c.req("POST", "/api/auth/login", { username: "alice", password: pw("alice") });
    if (r.status === 429) {
      log("login limited", r.retryAfter);
      await sleep((Number(r.retryAfter) + 1) * 1000);
      i--;
      continue;
    }
    last = await c.req("POST", "/api/auth/login/two-factor", {
      mfaToken: r.json.mfaToken,
      code: totp(secrets.alice) === "000000" ? "111111" : "000000",
    });
    log("wrong code", i + 1, last.status, last.json?.error?.code);
  }
  const right = await login(new Client("10.2.0.1"), "alice", pw("alice"), secrets.alice);
  check(
    "10 wrong codes lock: right code → 429 with Retry-After",
    right.status === 429 && Number(right.retryAfter) > 0,
    `status ${right.status} retry-after ${right.retryAfter} ${JSON.stringify(right.json).slice(0, 140)}`,
  );
  const lockedAt = Date.now();

  // Restart with the same key: the lock survives.
  await stop();
  setVars({ VAULT_KEY: K2, VAULT_KEY_PREVIOUS: K1 });
  await start("VAULT_KEY=K2, VAULT_KEY_PREVIOUS=K1");
  const right2 = await login(new Client("10.2.0.2"), "alice", pw("alice"), secrets.alice);
  check("lock survives a restart", right2.status === 429, `status ${right2.status} retry-after ${right2.retryAfter}`);
  const carolIn = await login(new Client("10.2.1.1"), "carol", pw("carol"), secrets.carol);
  check(
    "rotated: carol's two-factor sign-in works (sealed under K1)",
    carolIn.status === 200,
    `status ${carolIn.status} ${JSON.stringify(carolIn.json).slice(0, 100)}`,
  );
  check("rotated: carol's gateway call works", (await door(carol)).status === 200);

  await stop();
  setVars({ VAULT_KEY_PREVIOUS: null });
  await start("VAULT_KEY=K2 only");
  const daveIn = await login(new Client("10.2.2.1"), "dave", pw("dave"), secrets.dave);
  check(
    "old key gone: dave's two-factor → 503 VAULT_KEY_MISMATCH",
    daveIn.status === 503 && daveIn.json?.error?.code === "VAULT_KEY_MISMATCH",
    `status ${daveIn.status} ${JSON.stringify(daveIn.json).slice(0, 160)}`,
  );
  const daveDoor = await door(dave);
  check(
    "old key gone: dave's gateway call → 503 VAULT_KEY_MISMATCH",
    daveDoor.status === 503 && daveDoor.body.includes("VAULT_KEY_MISMATCH"),
    `status ${daveDoor.status} ${daveDoor.body.slice(0, 160)}`,
  );
  check("carol (re-sealed on use) still works with K2 only", (await door(carol)).status === 200);

  await stop();
  setVars({ VAULT_KEY_PREVIOUS: K1 });
  await start("VAULT_KEY=K2, VAULT_KEY_PREVIOUS=K1 again");
  const admin = new Client("10.3.0.1");
  await login(admin, "root", "root password 67890");
  const reseal = await admin.req("POST", "/api/admin/vault/reseal");
  check("reseal reports counts", reseal.status === 200, JSON.stringify(reseal.json));
  const reseal2 = await admin.req("POST", "/api/admin/vault/reseal");
  check("second reseal re-seals nothing", reseal2.status === 200, JSON.stringify(reseal2.json));

  // Wait for the second step's lock to pass (15 minutes); by then erin's second session, signed in
  // before the lock, is more than 10 minutes old: step-up must ask again.
  while (Date.now() - lockedAt < 15.2 * 60e3) await sleep(5000);
  const erinLate = await erin2.req("POST", "/api/me/two-factor");
  check(
    "old session: POST /api/me/two-factor → 403 REAUTHENTICATION_REQUIRED",
    erinLate.status === 403 && erinLate.json?.error?.code === "REAUTHENTICATION_REQUIRED",
    `status ${erinLate.status}`,
  );
  const re = await erin2.req("POST", "/api/auth/reauthenticate", { password: "erin password 67890" });
  const erinNow = await erin2.req("POST", "/api/me/two-factor");
  check(
    "after re-entering the password, enrolment works",
    re.status === 200 && erinNow.status === 200,
    `reauth ${re.status} enrol ${erinNow.status}`,
  );
  const unlocked = await login(new Client("10.2.9.1"), "alice", pw("alice"), secrets.alice);
  check(
    "after the lock passes the right code works",
    unlocked.status === 200,
    `status ${unlocked.status} ${JSON.stringify(unlocked.json).slice(0, 100)}`,
  );
  const row = sqlite(
    "select failures, lockouts, ifnull(locked_until,'null') from second_factor_locks l join users u on u.id=l.user_id where u.username='alice'",
  );
  check("counter reset after the right code", /^0\|0\|null$/.test(row) || row === "", `row failures|lockouts|locked_until = '${row}'`);
} catch (e) {
  console.error(e);
  results.push(`ERROR ${e.message}`);
} finally {
  await stop();
  console.log(`\n${results.join("\n")}`);
  const out = server.out();
  for (const s of [K1.slice(3), K2.slice(3)]) if (out.includes(s)) console.log("FAIL vault key in log");
  process.exitCode = results.some((line) => !line.startsWith("PASS")) ? 1 : 0;
}
