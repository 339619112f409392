declare const ntfy: { fetch(request: Request): Promise<Response> };
export default ntfy;
