export declare const ORIGIN_USERS: Record<
  "bob" | "ann" | "cat" | "dan",
  { id: number; password: string; key: string; fullname: string; admin: boolean; mfa?: string }
>;
export declare const ROUTES: string[];
export declare const NOT_KEYED: Record<string, string>;
export declare const EPISODE: Uint8Array;
declare const handler: ExportedHandler;
export default handler;
export declare function ownAddress(request: Request, url: URL): string;
export declare function record(request: Request, url: URL, body: string | null): void;
export declare function webSocketAccess(
  url: URL,
): { status: number; user?: undefined } | { user: { id: number; key: string }; username: string };
export declare function webSocketReply(message: string, user: { id: number; key: string }, address: string): string;
