export declare function serveWorker(
  worker: { fetch(request: Request): Response | Promise<Response> },
  port?: number,
  attach?: (server: import("node:http").Server) => (() => void) | undefined,
): Promise<{ url: string; stop: () => Promise<void> }>;
