/** Only same-site paths: "/queue?x=1" yes; "//evil.example", "https://..." and "/\\evil" no. */
export function safeRedirectPath(to: string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\") || /[\r\n]/.test(to)) return fallback;
  return to;
}
