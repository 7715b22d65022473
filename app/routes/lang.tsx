import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "../i18n/i18n";
import { localeCookie } from "../i18n/locale.server";
import { safeRedirectPath } from "../http/safe-redirect";

/** Switches the language and returns to the page; only a local path is accepted as target. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const l = url.searchParams.get("l");
  const to = safeRedirectPath(url.searchParams.get("to"));
  if (!isLocale(l)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(l) } });
}
