import type { Prisma } from "@prisma/client";
import { z } from "zod";
import type { Db } from "../../db.server";
import { getConfig } from "../../config.server";
import { hashToken, newToken } from "../../auth/tokens.server";

/**
 * Links that work without signing in (a client's ticket, follow-up answers, unsubscribe, a
 * privacy confirmation, a password reset) are tokens: whoever holds one gets in. The database
 * keeps only their hashes (AccessToken), and the stored copy of a mail must not undo that, so a
 * queued mail (OutboxMail) holds a placeholder and a description of the link: purpose, subject,
 * expiry. The token is made when the mail is actually handed to SMTP (renderSendTimeLinks) and
 * exists in clear only in the message on its way; nothing in the database or a backup opens
 * anything (docs/decisions/016-send-time-links.md).
 */
export const LinkSpec = z.object({
  /** Where the token goes in the URL: PUBLIC_URL + path + token. */
  path: z.enum(["/t/", "/followup/", "/unsubscribe/", "/privacy/confirm/", "/reset-password/"]),
  purpose: z.string().min(1),
  ticketId: z.string().nullish(),
  subjectId: z.string().nullish(),
  expiresAt: z.string().datetime(),
  /** Also announced in the List-Unsubscribe header (RFC 2369, one-click per RFC 8058). */
  listUnsubscribe: z.boolean().optional(),
});
export type LinkSpec = z.infer<typeof LinkSpec>;

const PLACEHOLDER = /\{\{md-link:(\d{1,3})\}\}/g;

/** Collects the links of one mail while its text is written; each call returns the placeholder to put in the text. */
export class MailLinks {
  readonly specs: LinkSpec[] = [];
  add(spec: Omit<LinkSpec, "expiresAt"> & { expiresAt: Date }): string {
    this.specs.push({ ...spec, expiresAt: spec.expiresAt.toISOString() });
    return `{{md-link:${this.specs.length - 1}}}`;
  }
}

export type RenderedLinks = { text: string; html: string | null; listUnsubscribe?: string; tokenHashes: string[] };

/**
 * Issues one fresh token per link and puts the URLs into the mail. Called for each delivery
 * attempt: an attempt that fails removes its tokens (tokenHashes), the next makes new ones.
 */
export async function renderSendTimeLinks(
  db: Pick<Db, "accessToken"> | Prisma.TransactionClient,
  mail: { textBody: string; htmlBody: string | null; links: string | null },
): Promise<RenderedLinks> {
  if (!mail.links) return { text: mail.textBody, html: mail.htmlBody, tokenHashes: [] };
  const specs = z.array(LinkSpec).parse(JSON.parse(mail.links));
  const base = getConfig().PUBLIC_URL;
  const urls: string[] = [];
  const tokenHashes: string[] = [];
  let listUnsubscribe: string | undefined;
  for (const spec of specs) {
    const token = newToken();
    const tokenHash = hashToken(token);
    await db.accessToken.create({
      data: { tokenHash, purpose: spec.purpose, ticketId: spec.ticketId ?? null, subjectId: spec.subjectId ?? null, expiresAt: new Date(spec.expiresAt) },
    });
    tokenHashes.push(tokenHash);
    const url = `${base}${spec.path}${token}`;
    urls.push(url);
    if (spec.listUnsubscribe) listUnsubscribe = url;
  }
  const fill = (s: string) => s.replace(PLACEHOLDER, (_, i: string) => urls[Number(i)] ?? "");
  return { text: fill(mail.textBody), html: mail.htmlBody && fill(mail.htmlBody), listUnsubscribe, tokenHashes };
}
