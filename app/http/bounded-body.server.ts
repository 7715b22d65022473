/**
 * Request bodies are counted while they stream in, so a body without a Content-Length
 * (Transfer-Encoding: chunked) cannot make us read and hold more than a limit before anyone has
 * signed in. Past the limit we stop reading; the source is not cancelled, because cancelling the
 * Node request destroys the socket before the 413 can be sent. The 413 carries
 * `Connection: close`, so Node closes the connection after it instead of reading the rest.
 */
export class BodyTooLargeError extends Error {
  constructor(public readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** A 413 that also ends the connection (the unread rest of the body is never read). */
export const tooLargeResponse = (message: string) =>
  new Response(message, { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" } });

/** The declared Content-Length is over the limit: refused before a byte is read. */
export function declaredTooLarge(request: Request, max: number): boolean {
  return Number(request.headers.get("Content-Length") ?? "0") > max;
}

/** The whole body, or BodyTooLargeError as soon as more than `max` bytes have arrived. */
export async function readBodyBounded(request: Request, max: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  const reader = limitStream(request.body, max).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(value);
  }
}

/**
 * The same bytes as `body`, erroring with BodyTooLargeError past `max` bytes. Reading stops
 * there; the reader's lock is released without cancelling the source (see above).
 */
export function limitStream(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let total = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      total += value.byteLength;
      if (total > max) {
        reader.releaseLock();
        return controller.error(new BodyTooLargeError(max));
      }
      controller.enqueue(value);
    },
    cancel() {
      reader.releaseLock();
    },
  });
}

/** A copy of `request` whose body stops at `max` bytes (for parsers that read the body themselves). */
export function withBodyLimit(request: Request, max: number): Request {
  if (!request.body) return request;
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: limitStream(request.body, max),
    signal: request.signal,
    // Node's fetch needs duplex for a streamed body.
    duplex: "half",
  });
}
