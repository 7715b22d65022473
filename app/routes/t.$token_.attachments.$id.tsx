import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db.server";
import { contentDisposition, readClientAttachment, requireClientTicket } from "../portal/client-ticket.server";

/**
 * A redacted attachment for the client. The token decides the ticket; the attachment
 * must belong to that ticket and to a public message, so no token reads another
 * ticket's files or a technician's internal ones.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const ticketId = await requireClientTicket(db, params.token ?? "");
  const file = await readClientAttachment(db, ticketId, params.id ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  const image = file.mediaType.startsWith("image/");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.fileName, image),
      // X-Content-Type-Options: nosniff comes from helmet (app/server/http.server.ts) for every response.
      "Cache-Control": "private, no-store",
      // Nothing in a file may run, even if a browser were tricked into rendering it.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
