export declare function serveWorker(
  worker: { fetch(request: Request): Response | Promise<Response> },
  port?: number,
): Promise<{ url: string; stop: () => Promise<void> }>;
