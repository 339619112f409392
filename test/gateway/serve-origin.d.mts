export declare function serveOrigin(port?: number): Promise<{ url: string; stop: () => Promise<void> }>;
