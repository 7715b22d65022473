import { detect } from "./detect";
import { DEFAULT_POLICY } from "./policy";
import type { Detection, EntityType, Finding, RedactionPolicy, RedactionResult } from "./types";

export function placeholderFor(type: EntityType): string {
  return `[${type}]`;
}

/**
 * Replaces every detected entity according to the policy. "keep" leaves the
 * text untouched and reports nothing; findings and counts cover what was
 * removed or masked, with offsets into the returned text.
 */
export function redact(text: string, policy: RedactionPolicy = DEFAULT_POLICY): RedactionResult {
  const pieces: string[] = [];
  const findings: Finding[] = [];
  const counts: Partial<Record<EntityType, number>> = {};
  let cursor = 0;
  let outputLength = 0;
  for (const detection of detect(text)) {
    const action = policy[detection.type] ?? "remove";
    if (action === "keep") continue;
    const before = text.slice(cursor, detection.start);
    pieces.push(before);
    outputLength += before.length;
    const replacement = action === "mask" ? maskFor(text, detection) : placeholderFor(detection.type);
    pieces.push(replacement);
    findings.push({ type: detection.type, start: outputLength, end: outputLength + replacement.length });
    outputLength += replacement.length;
    counts[detection.type] = (counts[detection.type] ?? 0) + 1;
    cursor = detection.end;
  }
  pieces.push(text.slice(cursor));
  return { text: pieces.join(""), findings, counts };
}

/**
 * Only cards and IBANs have a useful mask: the last four characters, which
 * banks and card receipts show anyway. Every other type masks to its placeholder.
 */
function maskFor(text: string, detection: Detection): string {
  if (detection.type !== "CREDIT_CARD" && detection.type !== "IBAN") return placeholderFor(detection.type);
  const compact = text.slice(detection.start, detection.end).replace(/[^0-9A-Za-z]/g, "");
  return `•••• ${compact.slice(-4)}`;
}
