/** Redirect targets that must never leave our origin: shared by the unit test and the route test. */
/** Every character a browser's URL parser strips, skips or treats as a separator. */
export const CONTROL_AND_SPACE = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  " ", "\u007F", "\u0085", "\u00A0", "\u1680", "\u180E",
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
  "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u2028", "\u2029", "\u202F", "\u205F", "\u2060", "\u3000", "\uFEFF",
];

/** Ways to reach evil.example from a target that starts with "/", for one character c. */
export function hostileTargets(c: string): string[] {
  const enc = encodeURIComponent(c);
  return [
    `/${c}/evil.example`, `/${c}${c}/evil.example`, `${c}//evil.example`, `/${c}\\evil.example`, `//${c}evil.example`,
    `/${enc}/evil.example`, `/${encodeURIComponent(enc)}/evil.example`, `${enc}//evil.example`,
  ];
}

export const OTHER_HOSTILE = [
  "//evil.example/x", "https://evil.example", "http:evil.example", "/\\evil.example", "\\/evil.example", "\\\\evil.example",
  "/%5Cevil.example", "/%5C%5Cevil.example", "/%5c/evil.example", "%5C/evil.example", "/%2F/evil.example", "/%2f%2fevil.example",
  "/%252F/evil.example", "/%25252F%25252Fevil.example", "/.//evil.example", "/./\\evil.example", "/..//evil.example",
  "/x\r\nSet-Cookie: a=b", "/%0d%0aSet-Cookie:%20a=b", "javascript:alert(1)", "/%E2%80%A8/evil.example", "/%C2%A0/evil.example",
  "/%", "/%zz", "",
];
