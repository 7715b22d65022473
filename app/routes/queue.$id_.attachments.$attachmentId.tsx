import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { requireTechnician } from "../auth/guards.server";
import { findAttachmentInScope } from "../tickets/ticket-view.server";
import { getAttachmentStore } from "../storage/attachment-store.server";

/**
 * A redacted attachment for staff. The team scope is checked again here (not only on the
 * ticket page), so a link copied to a technician of another team answers 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireTechnician(request);
  const file = await findAttachmentInScope(getDb(), user, params.id ?? "", params.attachmentId ?? "");
  const bytes = file?.storageKey ? await getAttachmentStore().get(file.storageKey) : null;
  if (!file || !bytes) throw new Response("Not found", { status: 404 });
  const inline = file.mediaType.startsWith("image/");
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
