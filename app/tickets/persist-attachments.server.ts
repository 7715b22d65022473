import type { Prisma } from "@prisma/client";
import { getAttachmentStore } from "../storage/attachment-store.server";
import type { PreparedAttachment } from "./prepare-attachments.server";
import { recordFindings } from "./redact-for-storage.server";

export type StoredFile = { prepared: PreparedAttachment; storageKey: string | null };

/** Writes the redacted files before the database transaction; `discard` undoes it if that fails. */
export async function writeAttachmentFiles(prepared: PreparedAttachment[]) {
  const store = getAttachmentStore();
  const files: StoredFile[] = [];
  for (const p of prepared) {
    files.push({ prepared: p, storageKey: p.status === "STORED" ? await store.put(p.bytes, p.extension) : null });
  }
  return {
    files,
    async discard() {
      for (const f of files) if (f.storageKey) await store.delete(f.storageKey);
    },
  };
}

/** Attachment rows and their findings, inside the caller's transaction. Returns what was not kept. */
export async function insertAttachmentRows(
  tx: Prisma.TransactionClient,
  at: Date,
  ids: { ticketId: string; messageId: string },
  files: StoredFile[],
): Promise<{ withheld: { fileName: string; reason: string }[] }> {
  const withheld: { fileName: string; reason: string }[] = [];
  for (const { prepared: p, storageKey } of files) {
    const row = await tx.attachment.create({
      data: {
        ...ids,
        storageKey,
        fileName: p.fileName,
        mediaType: p.mediaType,
        size: p.status === "STORED" ? p.bytes.length : p.size,
        status: p.status,
        reason: p.status === "STORED" ? null : p.reason,
        redactionReport: p.status === "STORED" ? JSON.stringify(p.report) : null,
        createdAt: at,
      },
    });
    if (p.status === "STORED") await recordFindings(tx, at, { ...ids, attachmentId: row.id, source: p.source }, p.findings);
    else withheld.push({ fileName: p.fileName, reason: p.reason });
    await recordFindings(tx, at, { ...ids, attachmentId: row.id, source: "FILENAME" }, p.fileNameFindings);
  }
  return { withheld };
}
