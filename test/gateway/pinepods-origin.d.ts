export declare const ORIGIN_USERS: Record<"bob" | "ann", { id: number; password: string; key: string; fullname: string; admin?: boolean }>;
export declare const ROUTES: string[];
export declare const EPISODE: Uint8Array;
declare const handler: ExportedHandler;
export default handler;
