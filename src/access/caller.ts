import type { SessionCaller } from "../auth/sessions";
import type { KeyCaller } from "../keys/verified-key";

/** Who is calling, and how they proved it: a browser session (auth/) or an API key (keys/). */
export type AuthContext = SessionCaller | KeyCaller;
