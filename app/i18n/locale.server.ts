import { createCookie } from "@remix-run/node";
import { getConfig } from "../config.server";
import { isLocale, LOCALES, type Locale } from "./i18n";

/**
 * The language: a signed-in staff member's choice on their profile, else the visitor's
 * explicit choice (a preference cookie holding only "sl" or "en", no identifier, so not a
 * tracking cookie), else the browser's Accept-Language, else the configured default.
 */
export const localeCookie = createCookie("md_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

export function pickFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: (tag ?? "").toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find((l): l is Locale => (LOCALES as readonly string[]).includes(l ?? ""));
}

/** The language without the profile's choice: the cookie, the browser, the default. */
export async function getBrowserLocale(request: Request): Promise<Locale> {
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  return pickFromAcceptLanguage(request.headers.get("Accept-Language")) ?? getConfig().DEFAULT_LOCALE;
}

/** The page's language; pass the signed-in staff member (or their saved locale) when there is one. */
export async function getLocale(request: Request, user?: { locale?: string | null } | null): Promise<Locale> {
  if (user && isLocale(user.locale)) return user.locale;
  return getBrowserLocale(request);
}
