// A stand-in ntfy server (https://docs.ntfy.sh/publish/#publish-as-json): POST / with {topic, title,
// message, tags} is accepted and recorded per topic. Topics starting with `down-` answer 500 (a failing
// target). GET /<topic>/__received answers what the topic received, attempts at a down topic included.
const received = new Map();

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (request.method === "GET" && url.pathname.endsWith("/__received")) {
      const topic = url.pathname.slice(1, -"/__received".length);
      return Response.json(received.get(topic) ?? []);
    }
    if (request.method === "POST" && url.pathname === "/") {
      const body = await request.json();
      const topic = String(body.topic);
      received.set(topic, [...(received.get(topic) ?? []), { ...body, protocol: url.protocol }]);
      if (topic.startsWith("down-")) return new Response("ntfy is down", { status: 500 });
      return Response.json({ id: String(received.get(topic).length), event: "message", topic });
    }
    return new Response("not found", { status: 404 });
  },
};
