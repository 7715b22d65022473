import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { finishMailboxConnect } from "../mail/imap/oauth/connect-mailbox.server";

/** Where the OAuth2 provider sends the admin back after "Connect account" (the registered redirect URI). */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const { outcome, setCookie } = await finishMailboxConnect(getDb(), request, admin.id);
  return redirect(`/admin/mailboxes?connect=${outcome}`, { headers: { "Set-Cookie": setCookie } });
}
