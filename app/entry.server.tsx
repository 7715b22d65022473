import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { log, errorCode } from "./logging/logger.server";
import { NonceContext } from "./ui/nonce";

/**
 * Pages are rendered to one string: no route streams (no defer/Suspense), and every page was
 * already sent only once complete, so a streaming render only added stream plumbing per request
 * (docs/decisions/014-queue-under-load.md).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const html = renderToString(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

/** Errors are logged by class only: messages can quote what a client sent. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  log.error("request.failed", { route: new URL(request.url).pathname.split("/")[1] ?? "", code: errorCode(error) });
  if (process.env.MINIDESK_DEBUG_ERRORS === "1") console.error(error);
}
