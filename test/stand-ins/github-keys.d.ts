declare const githubKeys: { fetch(request: Request): Promise<Response> };
export default githubKeys;
