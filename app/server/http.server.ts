import crypto from "node:crypto";
import path from "node:path";
import express from "express";
import helmet from "helmet";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { getConfig } from "../config.server";
import { log } from "../logging/logger.server";

export const CLIENT_IP_HEADER = "x-minidesk-client-ip";

/**
 * The HTTP side: security headers, static assets, then Remix. The client's address is
 * passed to Remix in a header we overwrite (never trusted from outside) and is only
 * ever used hashed, for rate limits.
 */
export function createHttpApp(build: ServerBuild, extraRoutes?: (app: express.Express) => void) {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });

  const secure = getConfig().PUBLIC_URL.startsWith("https://");
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          // Remix's inline bootstrap scripts carry this nonce; nothing else inline runs.
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'none'"],
          "object-src": ["'none'"],
          ...(secure ? { "upgrade-insecure-requests": [] } : {}),
        },
      },
      referrerPolicy: { policy: "same-origin" },
      strictTransportSecurity: secure ? { maxAge: 31536000 } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );

  // Fingerprinted build assets are immutable; everything else in public/ briefly cached.
  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.resolve("public"), { maxAge: "1h", index: false }));

  extraRoutes?.(app);

  // Pages are personal (ticket text, a CSRF token in every page shell): no cache keeps them
  // unless a route says otherwise. Static assets above are unaffected.
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    // @remix-run/express appends a route's headers; for these two a route's own value
    // must replace our default, not join it in a list.
    const append = res.append.bind(res);
    res.append = (field: string, value?: string | string[]) =>
      /^(cache-control|referrer-policy)$/i.test(field) && value !== undefined ? res.set(field, value) : append(field, value);
    next();
  });

  // Client ticket links carry their token in the path: never let it leave in a Referer.
  app.use("/t/", (_req, res, next) => {
    res.setHeader("Referrer-Policy", "no-referrer");
    next();
  });

  // A form posted from another site is refused here with a clear 403 (Remix would throw a 500).
  const ownOrigin = new URL(getConfig().PUBLIC_URL).origin;
  app.use((req, res, next) => {
    const origin = req.headers.origin;
    if (req.method !== "GET" && req.method !== "HEAD" && origin && origin !== ownOrigin && origin !== `${req.protocol}://${req.headers.host}`) {
      res.status(403).type("text/plain").send("Forms can only be sent from this site.");
      return;
    }
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      // A new object per HTTP request, shared by all its loaders: getStaffUser keys its
      // once-per-request lookup on it (app/auth/guards.server.ts).
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );

  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    log.error("http.unhandled", { code: err instanceof Error ? err.name : "Unknown" });
    res.status(500).type("text/plain").send("Internal error");
  });
  return app;
}
