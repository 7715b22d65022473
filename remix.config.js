/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Classic Remix compiler (the design asks for it), ESM server build run by server.ts.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Everything under app/ is bundled; node_modules stay external and load at run time.
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
