// Every outbound fetch of the workerd suite (the Worker's and the tests' own) arrives here
// (vitest.config.ts: outboundService) and goes to the stand-in for its host:
//   ntfy.test          a stand-in ntfy server (test/stand-ins/ntfy.js)
//   github-keys.test   a stand-in for GitHub's secret-scanning key server (test/stand-ins/github-keys.js)
//   anything else      the stand-in Pinepods server (test/gateway/pinepods-origin.js)
export default {
  fetch(request, env) {
    const { hostname } = new URL(request.url);
    if (hostname === "ntfy.test") return env.NTFY.fetch(request);
    if (hostname === "github-keys.test") return env.GITHUB_KEYS.fetch(request);
    return env.PINEPODS.fetch(request);
  },
};
