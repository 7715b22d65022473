import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { isLocale } from "../i18n/i18n";
import { localeCookie } from "../i18n/locale.server";
import { safeRedirectPath } from "../http/safe-redirect";
import { parseForm } from "../http/parse-form.server";
import { getStaffUser } from "../auth/guards.server";
import { saveStaffLocale } from "../accounts/staff-locale.server";
import { getDb } from "../db.server";

/**
 * Switches the language and returns to the page; only a local path is accepted as target.
 * A signed-in staff member's choice is also saved on their account (it wins over the cookie),
 * but only when the browser says the link was followed on this site or typed in
 * (Sec-Fetch-Site same-origin / none): a link on another site must not change an account.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const l = url.searchParams.get("l");
  const to = safeRedirectPath(url.searchParams.get("to"));
  if (!isLocale(l)) return redirect(to);
  const site = request.headers.get("Sec-Fetch-Site");
  if (site === "same-origin" || site === "none") {
    const user = await getStaffUser(request);
    if (user) await saveStaffLocale(getDb(), user.id, l);
  }
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(l) } });
}

const Schema = z.object({ l: z.enum(["sl", "en"]), to: z.string().max(2000).optional(), intent: z.literal("language").optional() });

/**
 * The same switch as a form (the staff header and the profile's language section): for a
 * signed-in staff member the choice is saved on their account, and it wins over the browser.
 */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return redirect(safeRedirectPath(parsed.values.to));
  const { l, to } = parsed.data;
  const user = await getStaffUser(request);
  if (user) await saveStaffLocale(getDb(), user.id, l);
  return redirect(safeRedirectPath(to), { headers: { "Set-Cookie": await localeCookie.serialize(l) } });
}
