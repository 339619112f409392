/**
 * No origin secret or address leaves the edge. Pinepods writes its own address (from its Host header or
 * SERVER_URL) and the key it was called with into what it answers: the personal feed's enclosure URLs
 * (`{server}/api/data/stream/{id}?api_key={key}&user_id=…`), `config`'s `api_url`, redirects to itself.
 * Forwarded as they are, they would hand the origin key to whoever holds the feed, and send clients
 * around the door. So every forwarded answer is rewritten on the way out:
 *   the origin's base URL → the edge's; its host (and hostname) → the edge's;
 *   the origin key → the Podkeys key the client presented (so a feed's episodes play through the door).
 * Header values are rewritten whole (Location, Content-Location, Link…). Text bodies (JSON, XML, RSS,
 * HTML, JavaScript, text/*) are rewritten as they stream, in batches of up to 64 KB, never buffered whole: a
 * match split across two batches is found because a batch's last bytes that may begin one (at most the
 * longest pattern − 1) wait for the next. Other bodies (audio, images) pass as they are: bytes are not text.
 */
export type Rewrites = ReadonlyMap<string, string>;

/** The address pairs for one origin and edge, worked out once per isolate (two URL parses less per request). */
const addressPairs = new Map<string, readonly (readonly [string, string])[]>();
const MAX_ADDRESS_PAIRS = 64;

function addressRewrites(originBase: string, edgeBase: string): readonly (readonly [string, string])[] {
  const id = `${originBase} ${edgeBase}`;
  let pairs = addressPairs.get(id);
  if (!pairs) {
    const origin = new URL(originBase);
    const edge = new URL(edgeBase);
    pairs = [
      [originBase, edge.origin],
      [origin.origin, edge.origin],
      [origin.host, edge.host],
      [origin.hostname, edge.hostname],
    ];
    // Bounded: the edge's address comes from the request (one or a few per deployment).
    if (addressPairs.size >= MAX_ADDRESS_PAIRS) addressPairs.clear();
    addressPairs.set(id, pairs);
  }
  return pairs;
}

/** What to replace in this answer; `originKey`/`presentedKey` undefined on keyless (open) requests. */
export function answerRewrites(originBase: string, edgeBase: string, originKey?: string, presentedKey?: string): Rewrites {
  const pairs = [...addressRewrites(originBase, edgeBase)];
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
interface BytePattern {
  /** Lower-case bytes. */
  from: Uint8Array;
  to: Uint8Array;
}
interface ByteReplacer {
  /** For each first byte (either case), the patterns starting with it, longest first. */
  byFirstByte: (BytePattern[] | undefined)[];
  /**
   * Horspool's skip table over the shortest pattern's length (m): for the byte at the end of a window of m
   * bytes, how far no pattern can start — most of a body is skipped several bytes at a time, not read byte by byte.
   */
  shift: Uint16Array;
  shortest: number;
  longest: number;
}

const lower = (byte: number) => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte);
const UPPER_CASE = Array.from({ length: 256 }, (_, byte) => (byte >= 0x61 && byte <= 0x7a ? [byte, byte - 0x20] : [byte]));
const bothCases = (byte: number) => UPPER_CASE[byte]!;
const byteReplacers = new WeakMap<Rewrites, ByteReplacer>();

const encoder = new TextEncoder();

function byteReplacerFor(rewrites: Rewrites): ByteReplacer {
  let replacer = byteReplacers.get(rewrites);
  if (!replacer) {
    const byFirstByte: ByteReplacer["byFirstByte"] = new Array(256);
    const patterns = [...rewrites]
      .map(([from, to]) => ({ from: encoder.encode(from), to: encoder.encode(to) }))
      .sort((a, b) => b.from.length - a.from.length);
    let shortest = patterns.length > 0 ? Number.MAX_SAFE_INTEGER : 0;
    for (const pattern of patterns) {
      for (const byte of bothCases(pattern.from[0]!)) (byFirstByte[byte] ??= []).push(pattern);
      shortest = Math.min(shortest, pattern.from.length);
    }
    const shift = new Uint16Array(256).fill(shortest);
    for (const { from } of patterns) {
      for (let i = 0; i < shortest; i++) for (const byte of bothCases(from[i]!)) shift[byte] = Math.min(shift[byte]!, shortest - 1 - i);
    }
    replacer = { byFirstByte, shift, shortest, longest: patterns[0]?.from.length ?? 0 };
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

/**
 * Where the bytes that may still begin a match start: the first position whose rest is a proper prefix of a
 * pattern (only the last `longest − 1` bytes can be). Those wait for the next batch; everything before goes on
 * now — an event stream's event is never held back for want of the next one.
 */
function heldFrom(bytes: Uint8Array, { byFirstByte, longest }: ByteReplacer): number {
  for (let at = Math.max(0, bytes.length - longest + 1); at < bytes.length; at++) {
    const candidates = byFirstByte[bytes[at]!];
    if (candidates === undefined) continue;
    const rest = bytes.length - at;
    for (const { from } of candidates) {
      if (from.length <= rest) continue;
      let prefix = true;
      for (let i = 1; i < rest && prefix; i++) prefix = lower(bytes[at + i]!) === from[i];
      if (prefix) return at;
    }
  }
  return bytes.length;
}

/** Rewrites matches that start before `end` (each lies wholly within `bytes`); returns the output and where it stopped. */
function rewriteBytesUpTo(
  bytes: Uint8Array,
  end: number,
  { byFirstByte, shift, shortest }: ByteReplacer,
): { out: Uint8Array; cut: number } {
  let pieces: Uint8Array[] | undefined;
  let size = 0;
  let last = 0;
  // A match starts at `at` only if the window's last byte (at + shortest − 1) lets it: otherwise skip ahead.
  const lastInWindow = shortest - 1;
  for (let at = 0; at < end && at + lastInWindow < bytes.length; ) {
    const skip = shift[bytes[at + lastInWindow]!]!;
    if (skip !== 0) {
      at += skip;
      continue;
    }
    let hit: BytePattern | undefined;
    for (const candidate of byFirstByte[bytes[at]!] ?? []) {
      if (matchesAt(bytes, at, candidate.from)) {
        hit = candidate;
        break;
      }
    }
    if (hit === undefined) {
      at++;
      continue;
    }
    (pieces ??= []).push(bytes.subarray(last, at), hit.to);
    size += at - last + hit.to.length;
    last = at + hit.from.length;
    at = last;
  }
  const cut = Math.max(end, last);
  // Nothing found (most of a feed's 64 KB batches but a few): the bytes go on as they are, uncopied.
  if (pieces === undefined) return { out: bytes.subarray(0, cut), cut };
  pieces.push(bytes.subarray(last, cut));
  size += cut - last;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return { out, cut };
}

/**
 * How much a streamed body gathers before it is scanned and passed on: a fetched body arrives in pieces of
 * a few KB, and each piece through a JavaScript stream costs more than scanning it (`npm run bench`: the
 * 5 MB feed). An event stream is passed on piece by piece (0): its events must not wait for 64 KB.
 */
export const REWRITE_BATCH_BYTES = 64 * 1024;
/** The first batch of an answer whose length is not declared: most (JSON of a few KB) end within it, and go on whole, with no stream. */
const FIRST_BATCH_BYTES = 16 * 1024;

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

/**
 * A body rewritten as it flows, in batches of about `batchBytes` (what has arrived is gathered until then
 * or the end, scanned once and passed on as one chunk); only bytes that may begin a match, at most
 * (longest pattern − 1), are held back for the next batch, where a match cut at a batch's end is completed.
 */
export function rewriteStream(
  body: ReadableStream<Uint8Array>,
  rewrites: Rewrites,
  batchBytes = REWRITE_BATCH_BYTES,
): ReadableStream<Uint8Array> {
  return rewrittenStream(batchesOf(body, batchBytes > 0), byteReplacerFor(rewrites), batchBytes, undefined);
}

function rewrittenStream(
  batches: Batches,
  replacer: ByteReplacer,
  batchBytes: number,
  read: Uint8Array | undefined,
): ReadableStream<Uint8Array> {
  let carry = read;
  return new ReadableStream<Uint8Array>({
    // Each pull passes on one batch or closes: a pull that enqueued nothing would not be called again.
    async pull(controller) {
      for (;;) {
        const { bytes, done } = await batches.next(carry, batchBytes);
        // Every match starting before heldFrom() lies wholly within `bytes`; what may begin one waits for more.
        const { out, cut } = rewriteBytesUpTo(bytes, done ? bytes.length : heldFrom(bytes, replacer), replacer);
        // Copied: the held bytes must not share a buffer with what was passed on.
        carry = cut < bytes.length ? bytes.slice(cut) : undefined;
        if (out.byteLength > 0) controller.enqueue(out);
        if (done) controller.close();
        if (done || out.byteLength > 0) return;
      }
    },
    cancel: (reason) => batches.cancel(reason),
  });
}

interface Batches {
  /** The held bytes followed by at least `size` more (fewer only at the end), or one piece as it comes (size 0). */
  next(carry: Uint8Array | undefined, size: number): Promise<{ bytes: Uint8Array; done: boolean }>;
  cancel(reason: unknown): Promise<void>;
}

/**
 * A body read a batch at a time. A fetched body is the runtime's byte stream: `readAtLeast` fills the batch
 * in native code (a feed arrives in pieces of ~4 KB, each a promise through JavaScript otherwise); it comes
 * back short only at the end, which the next read confirms. A body made in JavaScript (tests) is read piece
 * by piece and gathered.
 */
function batchesOf(body: ReadableStream<Uint8Array>, batched: boolean): Batches {
  let byob: ReadableStreamBYOBReader | undefined;
  if (batched) {
    try {
      byob = body.getReader({ mode: "byob" });
    } catch {
      // Not a byte stream.
    }
  }
  if (byob) {
    const reader = byob;
    return {
      async next(carry, size) {
        const held = carry?.byteLength ?? 0;
        let buffer = new ArrayBuffer(held + size);
        if (carry) new Uint8Array(buffer).set(carry);
        let filled = held;
        let done = false;
        while (!done && filled - held < size) {
          const result = await reader.readAtLeast(held + size - filled, new Uint8Array(buffer, filled));
          done = result.done;
          // The buffer is handed to the reader and comes back as the value's, the end's (done) included.
          if (!result.value) throw new Error("A byte stream's read returned no buffer.");
          buffer = result.value.buffer;
          filled += result.value.byteLength;
        }
        return { bytes: new Uint8Array(buffer, 0, filled), done };
      },
      cancel: (reason) => reader.cancel(reason),
    };
  }
  const reader = body.getReader();
  return {
    async next(carry, size) {
      const chunks = carry ? [carry] : [];
      let gathered = carry?.byteLength ?? 0;
      let done = false;
      // At least one read, then more until the batch is full (a body never sits here whole: at most one batch).
      do {
        const next = await reader.read();
        if (next.done) done = true;
        else if (next.value.byteLength > 0) {
          chunks.push(next.value);
          gathered += next.value.byteLength;
        }
      } while (!done && gathered < size);
      return { bytes: concat(chunks, gathered), done };
    },
    cancel: (reason) => reader.cancel(reason),
  };
}

const TEXT_TYPES =
  /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|ecmascript|x-www-form-urlencoded|x-mpegurl)\b|image\/svg\+xml)/i;

/** Small text answers (JSON lists, config) are rewritten whole: one pass over a few KB costs less than a JavaScript stream. */
const WHOLE_BODY_MAX_BYTES = 64 * 1024;

/** The answer with its headers rewritten, and its body too when it is text. */
export async function rewriteAnswer(answer: Response, headers: Headers, rewrites: Rewrites): Promise<Response> {
  const sources = [...rewrites.keys()];
  for (const [name, value] of [...headers]) {
    // Most header values name none of the patterns: the regular expression is built only for one that does.
    const lowered = value.toLowerCase();
    if (!sources.some((source) => lowered.includes(source))) continue;
    const rewritten = rewriteText(value, rewrites);
    if (rewritten !== value) headers.set(name, rewritten);
  }
  const stream = answer.body;
  let body: BodyInit | null = stream;
  const type = headers.get("content-type") ?? "";
  if (stream !== null && TEXT_TYPES.test(type)) {
    const length = Number(headers.get("content-length") ?? Number.NaN);
    if (length <= WHOLE_BODY_MAX_BYTES) {
      // Declared small: read at once (at most 64 KB in memory), rewritten in one pass, sent with its new length.
      const bytes = new Uint8Array(await answer.arrayBuffer());
      body = rewriteBytesUpTo(bytes, bytes.length, byteReplacerFor(rewrites)).out;
    } else if (/^text\/event-stream/i.test(type)) {
      body = rewriteStream(stream, rewrites, 0);
    } else {
      // Length not declared: the first 16 KB decide. An answer that ends within them goes on whole; a longer one streams.
      const replacer = byteReplacerFor(rewrites);
      const batches = batchesOf(stream, true);
      const first = await batches.next(undefined, FIRST_BATCH_BYTES);
      body = first.done
        ? rewriteBytesUpTo(first.bytes, first.bytes.length, replacer).out
        : rewrittenStream(batches, replacer, REWRITE_BATCH_BYTES, first.bytes);
    }
    // The length changes with the rewriting: a whole body gets its own, a stream is sent chunked.
    headers.delete("content-length");
  }
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers });
}
