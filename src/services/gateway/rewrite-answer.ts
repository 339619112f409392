/**
 * No origin secret or address leaves the edge. Pinepods writes its own address (from its Host header or
 * SERVER_URL) and the key it was called with into what it answers: the personal feed's enclosure URLs
 * (`{server}/api/data/stream/{id}?api_key={key}&user_id=…`), `config`'s `api_url`, redirects to itself.
 * Forwarded as they are, they would hand the origin key to whoever holds the feed, and send clients
 * around the door. So every forwarded answer is rewritten on the way out:
 *   the origin's base URL → the edge's; its host (and hostname) → the edge's;
 *   the origin key → the Podkeys key the client presented (so a feed's episodes play through the door).
 * Header values are rewritten whole (Location, Content-Location, Link…). Text bodies (JSON, XML, RSS,
 * HTML, JavaScript, text/*) are rewritten as they stream, chunk by chunk, never buffered whole: a match
 * split across two chunks is found because the last (longest pattern − 1) bytes of each chunk wait
 * for the next. Other bodies (audio, images) pass as they are: bytes are not text.
 */
export type Rewrites = ReadonlyMap<string, string>;

/** What to replace in this answer; `originKey`/`presentedKey` undefined on keyless (open) requests. */
export function answerRewrites(originBase: string, edgeBase: string, originKey?: string, presentedKey?: string): Rewrites {
  const origin = new URL(originBase);
  const edge = new URL(edgeBase);
  const pairs: [string, string][] = [
    [originBase, edge.origin],
    [origin.origin, edge.origin],
    [origin.host, edge.host],
    [origin.hostname, edge.hostname],
  ];
  if (originKey) pairs.push([originKey, presentedKey ?? ""]);
  // Lower-cased: host names match whatever their case (the key is compared the same way, harmlessly).
  return new Map(pairs.filter(([from]) => from !== "").map(([from, to]) => [from.toLowerCase(), to]));
}

interface Replacer {
  pattern: RegExp;
  rewrites: Rewrites;
  /** The longest pattern's length: how far a match may reach into the next chunk. */
  longest: number;
}

const replacers = new WeakMap<Rewrites, Replacer>();
function replacerFor(rewrites: Rewrites): Replacer {
  let replacer = replacers.get(rewrites);
  if (!replacer) {
    // Longest first: at one position the alternation takes the first that matches (the base URL before its host).
    const sources = [...rewrites.keys()].sort((a, b) => b.length - a.length);
    const pattern = new RegExp(sources.map((source) => source.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi");
    replacer = { pattern, rewrites, longest: sources[0]?.length ?? 0 };
    replacers.set(rewrites, replacer);
  }
  return replacer;
}

/**
 * Rewrites `text` up to `end` (matches starting before it; a match may run past it), returns the
 * rewritten part and where it stopped. The caller keeps the rest for the next chunk.
 */
function rewriteUpTo(text: string, end: number, { pattern, rewrites }: Replacer): { out: string; cut: number } {
  let out = "";
  let last = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null && match.index < end; match = pattern.exec(text)) {
    out += text.slice(last, match.index) + rewrites.get(match[0].toLowerCase());
    last = match.index + match[0].length;
  }
  const cut = Math.max(end, last);
  return { out: out + text.slice(last, cut), cut };
}

export function rewriteText(text: string, rewrites: Rewrites): string {
  return rewriteUpTo(text, text.length, replacerFor(rewrites)).out;
}

/**
 * The byte-level form of the rewrites, for bodies: every pattern is ASCII (a URL's origin, a host, a
 * key), and in UTF-8 an ASCII byte never occurs inside a multi-byte character, so bodies are searched
 * as bytes — no decoding, no re-encoding, no string building (`npm run bench`: the 5 MB feed row).
 */
interface ByteReplacer {
  /** For each first byte (either case), the patterns starting with it, longest first. */
  byFirstByte: ({ from: Uint8Array; to: Uint8Array }[] | undefined)[];
  longest: number;
}

const lower = (byte: number) => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte);
const byteReplacers = new WeakMap<Rewrites, ByteReplacer>();

function byteReplacerFor(rewrites: Rewrites): ByteReplacer {
  let replacer = byteReplacers.get(rewrites);
  if (!replacer) {
    const encoder = new TextEncoder();
    const byFirstByte: ByteReplacer["byFirstByte"] = new Array(256);
    const pairs = [...rewrites].sort(([a], [b]) => b.length - a.length);
    for (const [from, to] of pairs) {
      const entry = { from: encoder.encode(from), to: encoder.encode(to) };
      const first = entry.from[0]!;
      for (const byte of new Set([first, first >= 0x61 && first <= 0x7a ? first - 0x20 : first])) {
        (byFirstByte[byte] ??= []).push(entry);
      }
    }
    replacer = { byFirstByte, longest: pairs[0]?.[0].length ?? 0 };
    byteReplacers.set(rewrites, replacer);
  }
  return replacer;
}

/** The pattern (lower-case bytes) at `at`, compared case-insensitively. */
function matchesAt(bytes: Uint8Array, at: number, pattern: Uint8Array): boolean {
  if (at + pattern.length > bytes.length) return false;
  for (let i = 1; i < pattern.length; i++) if (lower(bytes[at + i]!) !== pattern[i]) return false;
  return true;
}

/** Rewrites matches that start before `end` (each lies wholly within `bytes`); returns the output and where it stopped. */
function rewriteBytesUpTo(bytes: Uint8Array, end: number, { byFirstByte }: ByteReplacer): { out: Uint8Array; cut: number } {
  const pieces: Uint8Array[] = [];
  let size = 0;
  let last = 0;
  for (let at = 0; at < end; at++) {
    const candidates = byFirstByte[bytes[at]!];
    if (candidates === undefined) continue;
    const hit = candidates.find((candidate) => matchesAt(bytes, at, candidate.from));
    if (hit === undefined) continue;
    pieces.push(bytes.subarray(last, at), hit.to);
    size += at - last + hit.to.length;
    last = at + hit.from.length;
    at = last - 1;
  }
  const cut = Math.max(end, last);
  pieces.push(bytes.subarray(last, cut));
  size += cut - last;
  if (pieces.length === 1) return { out: pieces[0]!, cut };
  const out = new Uint8Array(size);
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return { out, cut };
}

/** A body rewritten as it flows; at most (longest pattern − 1) bytes held back for the next chunk. */
export function rewriteStream(body: ReadableStream<Uint8Array>, rewrites: Rewrites): ReadableStream<Uint8Array> {
  const replacer = byteReplacerFor(rewrites);
  const hold = Math.max(0, replacer.longest - 1);
  let carry = new Uint8Array(0);
  const step = (chunk: Uint8Array, final: boolean) => {
    let pending = chunk;
    if (carry.length > 0) {
      pending = new Uint8Array(carry.length + chunk.length);
      pending.set(carry);
      pending.set(chunk, carry.length);
    }
    // A match starting before `end` lies wholly within `pending`: no pattern is longer than `hold` + 1.
    const { out, cut } = rewriteBytesUpTo(pending, final ? pending.length : Math.max(0, pending.length - hold), replacer);
    carry = pending.slice(cut);
    return out;
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const out = step(chunk, false);
        if (out.length > 0) controller.enqueue(out);
      },
      flush(controller) {
        const out = step(new Uint8Array(0), true);
        if (out.length > 0) controller.enqueue(out);
      },
    }),
  );
}

const TEXT_TYPES =
  /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|ecmascript|x-www-form-urlencoded|x-mpegurl)\b|image\/svg\+xml)/i;

/** The answer with its headers rewritten, and its body too when it is text. */
export function rewriteAnswer(answer: Response, headers: Headers, rewrites: Rewrites): Response {
  for (const [name, value] of [...headers]) {
    const rewritten = rewriteText(value, rewrites);
    if (rewritten !== value) headers.set(name, rewritten);
  }
  let body = answer.body;
  if (body !== null && TEXT_TYPES.test(headers.get("content-type") ?? "")) {
    body = rewriteStream(body, rewrites);
    // The length changes with the rewriting; the runtime streams the new body chunked.
    headers.delete("content-length");
  }
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers });
}
