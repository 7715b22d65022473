import http from "node:http";

/** What a hostile client would send if nobody stopped it. */
export const ENDLESS = 256 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "x");

export type ChunkedAnswer = { status: number; body: string; bytesSentBeforeAnswer: number; ms: number };

/**
 * A real chunked request (node:http, no Content-Length) to `baseUrl + path`: `head` first, then
 * filler up to `filler` bytes (`ENDLESS`: until the server answers), then `tail` and the end,
 * written as fast as the server takes it. Resolves with the answer and how much was sent before it.
 */
export function sendChunked(baseUrl: string, path: string, headers: Record<string, string>, head: Buffer, opts: { filler?: number; tail?: Buffer } = {}): Promise<ChunkedAnswer> {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ host: url.hostname, port: url.port, path, method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } }, (res) => {
      answered = true;
      const bytesSentBeforeAnswer = sent;
      let body = "";
      const done = () => resolve({ status: res.statusCode!, body, bytesSentBeforeAnswer, ms: Date.now() - started });
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", done);
      res.on("error", done);
    });
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const writable = () =>
      new Promise<void>((r) => {
        const go = () => {
          req.off("drain", go);
          req.off("close", go);
          r();
        };
        req.on("drain", go);
        req.on("close", go);
      });
    const write = async () => {
      req.write(head);
      sent += head.length;
      const filler = opts.filler ?? 0;
      while (!answered && sent < filler) {
        const ok = req.write(CHUNK);
        sent += CHUNK.length;
        if (!ok) await writable();
      }
      if (!answered) req.end(opts.tail ?? Buffer.alloc(0));
      else req.destroy();
    };
    write().catch(reject);
  });
}
