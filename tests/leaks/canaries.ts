import { ibanRemainder, emsoControlDigit, siTaxIdControlDigit, passesLuhn } from "../../app/redaction/checksums";

/**
 * Canary values for the leak test: every type the redaction engine promises to remove, with
 * valid checksums, generated fresh for each way in, so a hit names the path that leaked.
 * `text` is how a client would write it (with its cue); `needles` are the values that must
 * never be found anywhere (the whole value and its distinctive parts).
 */
export type Canary = { id: string; way: string; type: string; text: string; needles: string[] };

/** mulberry32: a small seeded PRNG, so a failing run can be repeated with LEAK_SEED. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rng = () => number;

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
function pick(r: Rng, xs: string): string;
function pick<T>(r: Rng, xs: readonly T[]): T;
function pick<T>(r: Rng, xs: readonly T[] | string): T | string {
  return xs[Math.floor(r() * xs.length)]!;
}
const digits = (r: Rng, n: number) => Array.from({ length: n }, () => String(int(r, 0, 9))).join("");
const ALNUM = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const lowerAlnum = (r: Rng, n: number) => Array.from({ length: n }, () => pick(r, "abcdefghijkmnpqrstuvwxyz23456789")).join("");
const alnum = (r: Rng, n: number) => Array.from({ length: n }, () => pick(r, ALNUM)).join("");
const b64chars = (r: Rng, n: number) => Array.from({ length: n }, () => pick(r, ALNUM + "+/")).join("");
const groups = (s: string, size: number) => s.match(new RegExp(`.{1,${size}}`, "g"))!.join(" ");

/** A pronounceable, capitalised word no dictionary holds ("Kravonel"), so a name is unique. */
function nameWord(r: Rng, syllables: number) {
  const c = "bdgklmnprstvzšžč";
  const v = "aeiou";
  let w = "";
  for (let i = 0; i < syllables; i++) w += pick(r, c) + pick(r, v);
  w += pick(r, "knlrs");
  return w[0]!.toUpperCase() + w.slice(1);
}

function iban(r: Rng) {
  for (;;) {
    const bban = digits(r, 15);
    const check = 98 - ibanRemainder(`SI00${bban}`);
    const compact = `SI${String(check).padStart(2, "0")}${bban}`;
    if (ibanRemainder(compact) === 1) return { formatted: groups(compact, 4), compact };
  }
}

function card(r: Rng) {
  const body = `4${digits(r, 14)}`;
  for (let d = 0; d <= 9; d++) if (passesLuhn(body + d)) return body + d;
  throw new Error("unreachable");
}

function emso(r: Rng) {
  for (;;) {
    const first12 = `${String(int(r, 1, 28)).padStart(2, "0")}${String(int(r, 1, 12)).padStart(2, "0")}${int(r, 950, 999)}50${digits(r, 3)}`;
    const k = emsoControlDigit(first12);
    if (k !== null) return first12 + k;
  }
}

function taxId(r: Rng) {
  for (;;) {
    const first7 = `${int(r, 1, 9)}${digits(r, 6)}`;
    const k = siTaxIdControlDigit(first7);
    if (k !== null) return first7 + k;
  }
}

const base64url = (s: string | Buffer) => Buffer.from(s).toString("base64url");

export type CanarySet = "full" | "short" | "image" | "secrets";

/** The kinds of canary; `short` fits a subject or a file name, `image` a screenshot. */
export const SETS: Record<CanarySet, string[]> = {
  full: [
    "EMAIL", "PHONE_MOBILE", "PHONE_INTL", "PHONE_LANDLINE", "PHONE_00", "IBAN", "CREDIT_CARD", "IPV4", "IPV6", "EMSO",
    "SI_TAX_ID", "PASSWORD", "GESLO", "API_KEY", "JWT", "PEM_KEY", "URL_CREDENTIALS", "PERSON",
  ],
  short: ["EMAIL", "PHONE_MOBILE", "IBAN"],
  image: ["EMAIL", "IBAN"],
  secrets: ["PASSWORD", "GESLO", "API_KEY"],
};

export function makeCanary(r: Rng, way: string, type: string, english: boolean): Canary {
  const id = `${way}/${type}`;
  const c = (text: string, needles: string[]): Canary => ({ id, way, type, text, needles });
  switch (type) {
    case "EMAIL": {
      const local = `${nameWord(r, 2).toLowerCase().normalize("NFD").replace(/[^a-z]/g, "")}.${lowerAlnum(r, 6)}`;
      const value = `${local}@${lowerAlnum(r, 5)}-primer.si`;
      return c(value, [value, local]);
    }
    case "PHONE_MOBILE": {
      const v = `${pick(r, ["031", "041", "051", "040", "070"])} ${digits(r, 3)} ${digits(r, 3)}`;
      return c(v, [v, v.replace(/ /g, "")]);
    }
    case "PHONE_INTL": {
      const n = `${pick(r, ["31", "41", "51", "40"])} ${digits(r, 3)} ${digits(r, 3)}`;
      return c(`+386 ${n}`, [`+386 ${n}`, `386${n.replace(/ /g, "")}`]);
    }
    case "PHONE_LANDLINE": {
      const v = `01 ${int(r, 2, 5)}${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`;
      return c(english ? `phone ${v}` : `tel. ${v}`, [v, v.replace(/ /g, "")]);
    }
    case "PHONE_00": {
      const n = `${pick(r, ["1", "2", "3", "4"])} ${int(r, 2, 5)}${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`;
      return c(`00386 ${n}`, [`00386 ${n}`, `00386${n.replace(/ /g, "")}`]);
    }
    case "IBAN": {
      const v = iban(r);
      return c(v.formatted, [v.formatted, v.compact]);
    }
    case "CREDIT_CARD": {
      const v = card(r);
      return c(english ? `card ${groups(v, 4)}` : `kartica ${groups(v, 4)}`, [groups(v, 4), v]);
    }
    case "IPV4": {
      const v = `${pick(r, [81, 93, 185, 212, 46, 89])}.${int(r, 11, 250)}.${int(r, 11, 250)}.${int(r, 11, 250)}`;
      return c(english ? `server IP ${v}` : `strežnik IP ${v}`, [v]);
    }
    case "IPV6": {
      const v = `2a01:260:${Array.from({ length: 6 }, () => lowerAlnumHex(r)).join(":")}`;
      return c(`IPv6 ${v}`, [v]);
    }
    case "EMSO": {
      const v = emso(r);
      return c(`EMŠO ${v}`, [v]);
    }
    case "SI_TAX_ID": {
      const v = taxId(r);
      return c(english ? `tax number ${v}` : `davčna številka ${v}`, [v]);
    }
    case "PASSWORD": {
      const v = `${alnum(r, 8)}-${digits(r, 3)}`;
      return c(`password: ${v}`, [v]);
    }
    case "GESLO": {
      const v = `${alnum(r, 9)}!${digits(r, 2)}`;
      return c(`geslo: ${v}`, [v]);
    }
    case "API_KEY": {
      const v = `sk_live_${alnum(r, 28)}`;
      return c(`API key: ${v}`, [v]);
    }
    case "JWT": {
      const payload = base64url(JSON.stringify({ sub: lowerAlnum(r, 12), iat: int(r, 1.7e9, 1.8e9) }));
      const sig = base64url(Buffer.from(Array.from({ length: 32 }, () => int(r, 0, 255))));
      const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
      return c(`token ${header}.${payload}.${sig}`, [payload, sig]);
    }
    case "PEM_KEY": {
      const l1 = `MIIEv${b64chars(r, 59)}`;
      const l2 = b64chars(r, 64);
      return c(`-----BEGIN PRIVATE KEY-----\n${l1}\n${l2}\n-----END PRIVATE KEY-----`, [l1, l2]);
    }
    case "URL_CREDENTIALS": {
      const user = `deploy${lowerAlnum(r, 4)}`;
      const pass = alnum(r, 14);
      return c(`https://${user}:${pass}@git.example.com/repo.git`, [`${user}:${pass}`, pass]);
    }
    case "PERSON": {
      const first = nameWord(r, 2);
      const last = nameWord(r, 3);
      return c(`${english ? "Best regards" : "Lep pozdrav"},\n${first} ${last}`, [`${first} ${last}`, last]);
    }
  }
  throw new Error(`unknown canary type ${type}`);
}

function lowerAlnumHex(r: Rng) {
  return Array.from({ length: 4 }, () => pick(r, "0123456789abcdef")).join("").replace(/^0+(?=.)/, "") || "1";
}

/** The canaries of one way in, and the text that carries them (signature last). */
export function canariesFor(r: Rng, way: string, set: CanarySet, english = way.length % 2 === 0) {
  const list = SETS[set].map((t) => makeCanary(r, way, t, english));
  return list;
}

/** A body as a client would write it: a sentence per canary, the signature at the end. */
export function bodyText(canaries: Canary[], english: boolean): string {
  const intro = english
    ? "Hello, the web shop stopped sending order confirmations yesterday."
    : "Pozdravljeni, spletna trgovina od včeraj ne pošilja potrditev naročil.";
  const lines = canaries.filter((c) => c.type !== "PERSON").map((c) => (c.type === "PEM_KEY" ? c.text : `${english ? "Details" : "Podatki"}: ${c.text}`));
  const sig = canaries.find((c) => c.type === "PERSON");
  return [intro, "", ...lines, "", sig?.text ?? ""].join("\n").trimEnd() + "\n";
}

/** Inline form for a subject or a file name: "Problem 041 123 456 jana@x.si". */
export function inlineText(canaries: Canary[]): string {
  return canaries.map((c) => c.text).join(" ");
}
