import type { Detection } from "../types";
import { lineBefore } from "./context";

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
/** Four octets, not inside a longer dotted number ("1.2.3.4.5") nor a word ("v10.0.0.1"). */
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?!\\w|\\.\\d)`, "g");
/** A product version with four parts looks like an address; a cue right before decides. */
const VERSION_CUE = /(?<!\p{L})(?:version|verzija|verzije|verziji|ver\.|build|release|različica|firmware|v)\s*:?\s*$/u;

/**
 * Hex groups and colons, optionally ending in dotted IPv4; the parser below
 * decides. Times ("10:30:00") and MAC addresses (six groups, no "::") fail it.
 */
const IPV6_CANDIDATE = /(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:\.\d{1,3}){0,3}(?![\w:]|\.\d)/g;

export function detectIpAddresses(text: string): Detection[] {
  const detections: Detection[] = [];
  if (text.includes(".")) {
    for (const match of text.matchAll(IPV4)) {
      if (VERSION_CUE.test(lineBefore(text, match.index, 20))) continue;
      detections.push({ type: "IP_ADDRESS", start: match.index, end: match.index + match[0].length, confidence: 0.9 });
    }
  }
  if (text.includes(":")) {
    for (const match of text.matchAll(IPV6_CANDIDATE)) {
      // "2001:db8::1: connection refused" – the colon after the address belongs to the sentence.
      const value = /[^:]:$/.test(match[0]) ? match[0].slice(0, -1) : match[0];
      if (isIpv6(value)) {
        detections.push({ type: "IP_ADDRESS", start: match.index, end: match.index + value.length, confidence: 0.95 });
      }
    }
  }
  return detections;
}

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const EMBEDDED_V4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

export function isIpv6(candidate: string): boolean {
  let body = candidate;
  let groupBudget = 8;
  const lastColon = body.lastIndexOf(":");
  const lastPart = body.slice(lastColon + 1);
  if (lastPart.includes(".")) {
    if (!EMBEDDED_V4.test(lastPart)) return false;
    groupBudget = 6; // the dotted quad stands for the last two groups
    body = body.slice(0, lastColon + 1);
    if (!body.endsWith("::")) body = body.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return false;
  if (halves.length === 1) {
    const groups = body.split(":");
    return groups.length === groupBudget && groups.every((group) => HEX_GROUP.test(group));
  }
  const groups = [...splitGroups(halves[0]!), ...splitGroups(halves[1]!)];
  if (!groups.every((group) => HEX_GROUP.test(group))) return false;
  if (groups.length > groupBudget - 1) return false;
  // A lone "::" or "a::b" in prose is too weak; "::1" and anything with an embedded IPv4 are addresses.
  if (groupBudget === 6 || groups.length >= 2) return true;
  return groups.length === 1 && halves[0] === "" && /\d/.test(groups[0]!);
}

function splitGroups(half: string): string[] {
  return half === "" ? [] : half.split(":");
}
