import type { Prisma } from "@prisma/client";

/** MD-2026-000123: year of opening and a per-year sequence, allocated inside the caller's transaction. */
export async function nextReference(tx: Prisma.TransactionClient, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const row = await tx.ticketCounter.upsert({
    where: { year },
    create: { year, last: 1 },
    update: { last: { increment: 1 } },
  });
  return formatReference(year, row.last);
}

export function formatReference(year: number, n: number): string {
  return `MD-${year}-${String(n).padStart(6, "0")}`;
}

export const REFERENCE_PATTERN = /\bMD-(\d{4})-(\d{6,})\b/;
