import type { Canary } from "./canaries";

/**
 * Searches bytes for every canary in every form it could take on disk, in a database page, a
 * log line or a mail: as typed, lowercase, without separators (the canary lists those), base64
 * at each of the 3 byte alignments (and base64url), quoted-printable and RFC 2047 Q, URL-encoded,
 * UTF-16LE. Haystacks are also searched with MIME soft line breaks and all line breaks removed,
 * so a value wrapped across lines of a base64 or QP body is still found.
 *
 * Thousands of needles over megabytes: candidates are found by their first 6 bytes (an exact
 * 48-bit key, one Map lookup per byte) and then compared in full, so the scan stays linear.
 */
export type Needle = { canary: Canary; form: string; bytes: Buffer; caseInsensitive: boolean };
export type Hit = { canaryId: string; way: string; type: string; form: string; where: string; context: string };

const KEY = 6;
const MIN_BASE64 = 8;

function qp(s: string, q: boolean): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const ch = String.fromCharCode(byte);
    if (q && ch === " ") out += "_";
    else if (byte > 126 || byte < 32 || ch === "=" || (q && (ch === "?" || ch === "_"))) out += `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    else out += ch;
  }
  return out;
}

/** Base64 of the value starting at byte offset 0, 1 or 2 of a group: only the characters that depend on the value alone. */
export function base64Aligned(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const full = Buffer.concat([Buffer.alloc(offset), bytes]);
    const wholeGroups = Math.floor(full.length / 3);
    const encoded = full.subarray(0, wholeGroups * 3).toString("base64");
    const segment = encoded.slice(offset === 0 ? 0 : 4);
    if (segment.length >= MIN_BASE64) out.push(segment);
  }
  return out;
}

export function needlesOf(canaries: Canary[]): Needle[] {
  const list: Needle[] = [];
  const seen = new Set<string>();
  const add = (canary: Canary, form: string, bytes: Buffer, caseInsensitive: boolean) => {
    if (bytes.length < KEY) return;
    const b = caseInsensitive ? lowerAscii(bytes) : bytes;
    const k = `${canary.id}\0${caseInsensitive}\0${b.toString("latin1")}`;
    if (seen.has(k)) return;
    seen.add(k);
    list.push({ canary, form, bytes: b, caseInsensitive });
  };
  for (const c of canaries) {
    for (const v of c.needles) {
      add(c, "plain", Buffer.from(v, "utf8"), true);
      add(c, "quoted-printable", Buffer.from(qp(v, false)), true);
      add(c, "rfc2047-q", Buffer.from(qp(v, true)), true);
      add(c, "url-encoded", Buffer.from(encodeURIComponent(v)), true);
      add(c, "form-encoded", Buffer.from(encodeURIComponent(v).replace(/%20/g, "+")), true);
      add(c, "utf-16le", Buffer.from(v, "utf16le"), true);
      add(c, "latin1", Buffer.from(v, "latin1"), true);
      for (const b of base64Aligned(v)) {
        add(c, "base64", Buffer.from(b), false);
        add(c, "base64url", Buffer.from(b.replace(/\+/g, "-").replace(/\//g, "_")), false);
      }
    }
  }
  return list;
}

function lowerAscii(b: Buffer): Buffer {
  const out = Buffer.from(b);
  for (let i = 0; i < out.length; i++) if (out[i]! >= 65 && out[i]! <= 90) out[i]! += 32;
  return out;
}

function keyAt(b: Buffer, i: number): number {
  // 6 bytes = 48 bits: exact, below 2^53.
  return b.readUIntBE(i, KEY);
}

export class LeakSearch {
  private ci = new Map<number, Needle[]>();
  private cs = new Map<number, Needle[]>();
  constructor(public readonly needles: Needle[]) {
    for (const n of needles) {
      const map = n.caseInsensitive ? this.ci : this.cs;
      const k = keyAt(n.bytes, 0);
      const bucket = map.get(k);
      if (bucket) bucket.push(n);
      else map.set(k, [n]);
    }
  }

  /** Every needle found in `data` (or in its unwrapped forms), once per canary form and place. */
  search(data: Buffer, where: string): Hit[] {
    const hits = new Map<string, Hit>();
    const variants = [data, stripSoftBreaks(data), stripLineBreaks(data)];
    for (const [i, v] of variants.entries()) {
      if (i > 0 && v.length === data.length) continue;
      this.scan(v, this.cs, where, hits);
      this.scan(lowerAscii(v), this.ci, where, hits);
    }
    return [...hits.values()];
  }

  private scan(hay: Buffer, map: Map<number, Needle[]>, where: string, hits: Map<string, Hit>) {
    if (map.size === 0 || hay.length < KEY) return;
    let key = keyAt(hay, 0);
    const SHIFT = 2 ** 40;
    for (let i = 0; i + KEY <= hay.length; i++) {
      if (i > 0) key = (key % SHIFT) * 256 + hay[i + KEY - 1]!;
      const bucket = map.get(key);
      if (!bucket) continue;
      for (const n of bucket) {
        if (i + n.bytes.length <= hay.length && hay.compare(n.bytes, 0, n.bytes.length, i, i + n.bytes.length) === 0) {
          const id = `${n.canary.id}\0${n.form}`;
          if (!hits.has(id)) {
            const context = hay.subarray(Math.max(0, i - 40), Math.min(hay.length, i + n.bytes.length + 40)).toString("latin1").replace(/[^\x20-\x7e]/g, ".");
            hits.set(id, { canaryId: n.canary.id, way: n.canary.way, type: n.canary.type, form: n.form, where, context });
          }
        }
      }
    }
  }
}

function stripSoftBreaks(b: Buffer): Buffer {
  return Buffer.from(b.toString("latin1").replace(/=\r?\n/g, ""), "latin1");
}
function stripLineBreaks(b: Buffer): Buffer {
  return Buffer.from(b.toString("latin1").replace(/\r?\n[ \t]?/g, ""), "latin1");
}
