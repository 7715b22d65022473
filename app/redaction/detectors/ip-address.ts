import type { Detection } from "../types";
import { matchesAt } from "./candidate-scan";
import { lineBefore } from "./context";

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
/** Four octets, not inside a longer dotted number ("1.2.3.4.5") nor a word ("v10.0.0.1"). */
// A "v" right before is let through ("v1.2.3.4") and checked in code: an optional
// group at the front would stop V8 from scanning for the first digit.
const IPV4 = new RegExp(`(?<![0-9A-UW-Za-uw-z_.])${OCTET}(?:\\.${OCTET}){3}(?!\\w|\\.\\d)`, "g");
const WORD_CHAR = /\w/;
/** A product version with four parts looks like an address; a cue right before decides. */
// "Versions tested: 1.2.3.4": plurals, and a participle between ("build server: …" is a host).
const VERSION_CUE = /(?<!\p{L})(?:versions?|verzij[aeio]|ver\.|builds?|releases?|različic[aei]|firmware|v)(?:\s+(?:tested|used|affected|installed|supported|testiran\p{L}*|nameščen\p{L}*))?\s*:?\s*$/u;

/**
 * Hex groups and colons, optionally ending in dotted IPv4; the parser below
 * decides. Times ("10:30:00") and MAC addresses (six groups, no "::") fail it.
 */
const IPV6_CANDIDATE = /(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:\.\d{1,3}){0,3}(?![\w:]|\.\d)/g;

/**
 * Where IPV6_CANDIDATE may start: its first colon comes after at most four hex
 * digits, and the lookbehind rules out a hex digit before the start, so each
 * colon offers one start, the beginning of the hex digits right before it.
 * Trying only there spares a match attempt at every position of the text.
 */
function ipv6Starts(text: string): number[] {
  const starts: number[] = [];
  for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", colon + 1)) {
    let start = colon;
    while (start > 0 && colon - start <= 4 && isHexUnit(text.charCodeAt(start - 1))) start--;
    if (colon - start <= 4) starts.push(start);
  }
  return starts;
}

function isHexUnit(unit: number): boolean {
  return (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 70) || (unit >= 97 && unit <= 102);
}

/**
 * Addresses that identify no host or person: loopback, "listen on all
 * interfaces", broadcast, subnet masks and the big public DNS resolvers.
 * "DNS 8.8.8.8" in a ticket says nothing about anyone; redacting it only
 * makes the network description unreadable.
 */
const PUBLIC_RESOLVERS = new Set([
  "8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "149.112.112.112", "208.67.222.222", "208.67.220.220",
]);

export function isNonPersonalIpv4(address: string): boolean {
  if (address.startsWith("127.") || address === "0.0.0.0" || PUBLIC_RESOLVERS.has(address)) return true;
  return isSubnetMask(address);
}

/** 255.255.255.0, 255.255.240.0 …: ones then zeros, starting with 255. */
function isSubnetMask(address: string): boolean {
  if (!address.startsWith("255.")) return false;
  const bits = address
    .split(".")
    .map((octet) => Number(octet).toString(2).padStart(8, "0"))
    .join("");
  return /^1+0*$/.test(bits);
}

/**
 * A private address (RFC 1918, link-local) that a sentence gives to a device on the client's own
 * network ("the router at 192.168.1.1", "tiskalnik na 10.0.5.40"): millions of networks use the
 * same numbers, so it names no one and the ticket needs it. In a configuration, a log line, a
 * mail's Received header or a URL ("DB_HOST=10.0.3.17", "client=10.20.0.15", "from [10.20.1.44]",
 * "@10.0.5.4:27017") it stays redacted: there it sits beside the rest of a host's details.
 */
const PRIVATE_IPV4 = /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.)/;
const DEVICE_WORD = /(?<!\p{L})(?:router\p{L}*|usmerjevalnik\p{L}*|modem\p{L}*|switch\p{L}*|stikal\p{L}*|gateway|prehod\p{L}*|access point|dostopn\p{L}* točk\p{L}*|nas|printer\p{L}*|tiskalnik\p{L}*|drucker|kamer\p{L}*|camera|firewall|požarn\p{L}* zid\p{L}*)(?!\p{L})/iu;
/** Between two versions of a list: a separator, a short note in parentheses before it maybe. */
const VERSION_LIST_GAP = /^(?:[ \t]*\([^()\n]{0,30}\))?[ \t]*(?:,|\/|and|or|to|in|ali|do|->|→)[ \t]*$/u;
const CONFIG_BEFORE = /[=@[/:]$/;

/** "User-Agent: Yealink SIP-T46U 108.86.0.75": a client's name and its firmware version. */
const USER_AGENT_LINE = /^[ \t]*user-agent:/;

function isDeviceOnOwnNetwork(text: string, index: number, value: string): boolean {
  if (!PRIVATE_IPV4.test(value) || CONFIG_BEFORE.test(text.slice(Math.max(0, index - 1), index))) return false;
  const end = index + value.length;
  if (text[end] === ":" && /\d/.test(text[end + 1] ?? "")) return false; // "10.0.5.4:27017": a service's address
  // the device named just before the address or just after it, on the same line
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  const lineEnd = text.indexOf("\n", end);
  const before = text.slice(Math.max(lineStart, index - 30), index);
  const after = text.slice(end, Math.min(lineEnd === -1 ? text.length : lineEnd, end + 25));
  return DEVICE_WORD.test(before) || DEVICE_WORD.test(after);
}

export function detectIpAddresses(text: string): Detection[] {
  const detections: Detection[] = [];
  if (text.includes(".")) {
    // Versions travel in families: "update to v1.2.3.4; before we had 1.2.2.9".
    // A dotted quad that shares its first two parts with a version-cued one on
    // the same line is a version too.
    const versionFamilies = new Set<string>();
    const versionValues = new Set<string>();
    const candidates: Array<{ index: number; value: string; line: number }> = [];
    let lastVersionEnd = -1;
    let line = 0; // start of the current line, advanced forwards so the scan stays linear
    let nextNewline = text.indexOf("\n");
    for (const match of text.matchAll(IPV4)) {
      while (nextNewline !== -1 && nextNewline < match.index) {
        line = nextNewline + 1;
        nextNewline = text.indexOf("\n", line);
      }
      const family = `${line}:${match[0].split(".", 2).join(".")}`;
      const before = text[match.index - 1];
      const glued = before === "v" || before === "V";
      if (glued && match.index >= 2 && WORD_CHAR.test(text[match.index - 2]!)) continue; // "dev1.2.3.4": part of a word
      // "Versions tested: 1.2.3.4 (old agent), 2.0.10.255": the next item of a list of versions
      const listed = lastVersionEnd >= line && VERSION_LIST_GAP.test(text.slice(lastVersionEnd, match.index));
      if (glued || listed || VERSION_CUE.test(lineBefore(text, match.index, 40)) || USER_AGENT_LINE.test(lineBefore(text, match.index, 200))) {
        versionFamilies.add(family);
        versionValues.add(match[0]);
        lastVersionEnd = match.index + match[0].length;
        continue;
      }
      if (isNonPersonalIpv4(match[0]) || isDeviceOnOwnNetwork(text, match.index, match[0])) continue;
      candidates.push({ index: match.index, value: match[0], line });
    }
    for (const { index, value, line } of candidates) {
      // "firmware 3.4.1.3" on one line, "upgrade to 3.4.1.3 on all units" on another: the same version
      if (versionFamilies.has(`${line}:${value.split(".", 2).join(".")}`) || versionValues.has(value)) continue;
      detections.push({ type: "IP_ADDRESS", start: index, end: index + value.length, confidence: 0.9 });
    }
  }
  if (text.includes(":")) {
    for (const match of matchesAt(IPV6_CANDIDATE, text, ipv6Starts(text))) {
      // "2001:db8::1: connection refused" – the colon after the address belongs to the sentence.
      const value = /[^:]:$/.test(match[0]) ? match[0].slice(0, -1) : match[0];
      // "04:A3:7F:21:9C:0B:55:E8": colon-separated byte pairs with leading zeros are a certificate
      // serial or a fingerprint (an IPv6 address drops leading zeros and is rarely all pairs)
      const bytePairs = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5,}$/.test(value) && /(?:^|:)0[0-9A-Fa-f]/.test(value);
      if (isIpv6(value) && value !== "::1" && !bytePairs) { // ::1 is loopback, like 127.0.0.1
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
