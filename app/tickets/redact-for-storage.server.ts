import type { Prisma } from "@prisma/client";
import type { Db } from "../db.server";
import { DEFAULT_POLICY, parsePolicy, redact, type RedactionPolicy } from "../redaction";

/**
 * The one door from raw input to storable text. `UnredactedText` is what came from
 * outside; only `redactText` turns it into `RedactedText`, and the ticket domain's write
 * functions accept only the latter (STYLE.md, privacy by construction).
 */
export type UnredactedText = string & { readonly __unredacted?: true };
export type RedactedText = string & { readonly __redacted: true };

export type TextRedaction = { text: RedactedText; counts: Record<string, number>; findings: { type: string; start: number; end: number }[] };

export const POLICY_SETTING = "redaction.policy";

/**
 * Every intake reads the policy, so it is cached briefly per process; a change made in
 * this process applies at once (forgetCachedRedactionPolicy), one made by another process
 * within POLICY_CACHE_MS.
 */
const POLICY_CACHE_MS = 5_000;
let cachedPolicy: { db: object; at: number; policy: RedactionPolicy } | undefined;

export function forgetCachedRedactionPolicy() {
  cachedPolicy = undefined;
}

export async function loadRedactionPolicy(db: Pick<Db, "setting">): Promise<RedactionPolicy> {
  const now = Date.now();
  if (cachedPolicy && cachedPolicy.db === db && now - cachedPolicy.at < POLICY_CACHE_MS) return cachedPolicy.policy;
  const row = await db.setting.findUnique({ where: { key: POLICY_SETTING } });
  let policy = DEFAULT_POLICY;
  try {
    if (row) policy = parsePolicy(JSON.parse(row.value));
  } catch {
    policy = DEFAULT_POLICY;
  }
  cachedPolicy = { db, at: now, policy };
  return policy;
}

export function redactText(input: UnredactedText, policy: RedactionPolicy): TextRedaction {
  const result = redact(input, policy);
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(result.counts)) if (v) counts[k] = v;
  return { text: result.text as RedactedText, counts, findings: result.findings };
}

/** Text we wrote ourselves (system notes, templates) needs no redaction. */
export function trustedText(text: string): RedactedText {
  return text as RedactedText;
}

export function monthOf(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/**
 * Records what was removed: per item and type, the count and where (offsets or boxes;
 * never the value), plus the anonymous monthly counters that the reports keep after
 * retention purges the tickets.
 */
export async function recordFindings(
  tx: Prisma.TransactionClient,
  at: Date,
  item: { ticketId: string; messageId?: string; attachmentId?: string; source: "TEXT" | "SUBJECT" | "FILENAME" | "IMAGE" },
  findings: ReadonlyArray<{ type: string }>,
) {
  const byType = new Map<string, { type: string }[]>();
  for (const f of findings) byType.set(f.type, [...(byType.get(f.type) ?? []), f]);
  const month = monthOf(at);
  for (const [type, list] of byType) {
    const locations = list.map(({ type: _t, ...where }) => where);
    await tx.redactionFinding.create({ data: { ...item, type, count: list.length, locations: JSON.stringify(locations) } });
    await tx.redactionStat.upsert({
      where: { month_source_type: { month, source: item.source, type } },
      create: { month, source: item.source, type, count: list.length },
      update: { count: { increment: list.length } },
    });
  }
}
