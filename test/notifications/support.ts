import { call, env } from "../helpers";

/** The stand-in ntfy server (test/stand-ins/ntfy.js), reached over http (NOTIFY_ALLOWED_HOSTS in vitest.config.ts). */
export const NTFY = "http://ntfy.test";

export interface NtfyMessage {
  topic: string;
  title: string;
  message: string;
  tags: string[];
}

let topics = 0;
/** A topic of its own for each test: the stand-in is shared by every test file. */
export function freshTopic(prefix = "t"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}-${++topics}`;
}

export async function received(topic: string): Promise<NtfyMessage[]> {
  return (await fetch(`${NTFY}/${topic}/__received`)).json();
}

/** Waits (polling, no fixed sleep) until the topic has received `count` messages; answers them. */
export async function waitForMessages(topic: string, count = 1, timeoutMs = 10_000): Promise<NtfyMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await received(topic);
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) throw new Error(`topic ${topic} received ${messages.length} of ${count} messages`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function subscribe(cookie: string, topic: string, events: string[], disableUnusedKeys = false) {
  const response = await call("/api/me/notifications", {
    method: "PUT",
    cookie,
    json: { ntfyUrl: `${NTFY}/${topic}`, events, disableUnusedKeys },
  });
  if (response.status !== 200) throw new Error(`subscribe failed: ${response.status} ${await response.text()}`);
}

export { env };
