import { ApiError } from "../../lib/errors";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const invalid = () => new ApiError("INVALID_CREDENTIALS", "Send your username and password with HTTP Basic authentication.");

/** `Authorization: Basic base64(username:password)` → its parts; anything malformed is a 401, never a crash. */
export function readBasicCredentials(header: string | undefined): { username: string; password: string } {
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header?.trim() ?? "");
  if (!match || match[1]!.length > 2048) throw invalid();
  let decoded: string;
  try {
    decoded = decoder.decode(Uint8Array.from(atob(match[1]!), (ch) => ch.charCodeAt(0)));
  } catch {
    throw invalid();
  }
  const colon = decoded.indexOf(":");
  if (colon < 1) throw invalid();
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
