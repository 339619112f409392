import type { AllowedHosts } from "../../platform/config";

/**
 * Whether a notification target may be called. The Worker must not become a way to reach arbitrary
 * addresses (an internal service, a metadata endpoint), so a target is an ntfy topic URL on a host the
 * operator allowed (NOTIFY_ALLOWED_HOSTS, default `ntfy.sh`): https, or http only where the operator
 * listed the host as `http://host`; no credentials, query or fragment; the path one ntfy topic name.
 * Checked when the target is saved and again before every delivery (the allowed hosts may have changed).
 */
const TOPIC = /^\/[-_A-Za-z0-9]{1,64}$/;

export function ntfyUrlProblem(value: string, allowed: AllowedHosts): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be a URL such as https://ntfy.sh/your-topic";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an https URL";
  if (url.username || url.password || url.search || url.hash) return "must not carry credentials, a query or a fragment";
  const host = allowed.get(url.host.toLowerCase());
  if (!host) return `host ${url.host} is not allowed on this server (NOTIFY_ALLOWED_HOSTS: ${[...allowed.keys()].join(", ")})`;
  if (url.protocol === "http:" && !host.http) return "must be an https URL (plain http is not allowed for this host)";
  if (!TOPIC.test(url.pathname)) return "must name one ntfy topic: letters, digits, - and _ (up to 64)";
  return undefined;
}
