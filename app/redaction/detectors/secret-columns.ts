import type { Detection } from "../types";
import { columnValues } from "./csv-columns";
import { namesSecret } from "./secret-config";

/**
 * Passwords in a pasted table whose header names the column: a Markdown or CSV list of servers
 * ("| strežnik | uporabnik | geslo |", "| PC name | local admin pw |"), a spreadsheet of Wi-Fi networks and keys. In the rows the
 * cue is in the header, not beside the value, and any value may be a password, so every filled
 * cell of the column is one (fail closed) except a Markdown rule and an obvious placeholder.
 */
/** Matches every line that holds a PASSWORD_HEADER field (columnValues' lineHint contract). */
const HEADER_HINT = /passw|geslo|gesla|pwd|pass|\bpw\d?\b|\bgs\b|lozink|zapork|kennwort|secret|token|key|\bpin\b|ključ|schlüssel|otp|salt|credential|psk|appid|community/i;
/** Numbered too ("host1;user1;password1;host2;…"), and "gs" as Slovenian technicians shorten geslo. */
const PASSWORD_HEADER =
  /^(?:(?:password|passwort|passwd|pass|pwd|pw|geslo|gesla)\d?|gs|lozinka|zaporka|kennwort|secret|token|api[ _-]?key|pin|ključ|wifi key|wi-fi key|wpa key|wlan-schlüssel|(?:[\p{L}-]+ ){0,2}(?:password|passwort|geslo|pw|pwd|pass|pin)|geslo \(\w+\)|geslo (?:za )?[\p{L}-]+)$/u;
/** A one-time-password generator's seed ("login_totp" in a password manager's export, "2fa secret"). */
const OTP_SEED_HEADER = /(?:^|[ _.-])(?:t?otp|2fa|mfa)(?:[ _.-]?(?:seed|secret|key))?$/;
const NO_VALUE = /^(?:[-:=*.]+|[-–—]|n\/a|none|null|\(prazno\)|prazno|empty|\?+|\.\.\.|…|\*+)$/i;

/** A column's name as a schema writes it: one word, or words joined by "_", "." or "-" (no digits: "WPA2-PSK" is a value). */
const COLUMN_NAME = /^\p{L}+(?:[_.-]\p{L}+){0,4}$/u;
/** A column of passwords, keys or tokens ("api_token", "client_secret" as a config would name them), or of OTP seeds. */
function isSecretHeader(field: string): boolean {
  return PASSWORD_HEADER.test(field) || OTP_SEED_HEADER.test(field) || (COLUMN_NAME.test(field) && namesSecret(field));
}

/**
 * A licence table's key column ("| Product | Key | PC |", "Licenčni ključ"): "key" alone heads
 * other things too (a sort key, a map's legend), so only a product key's grouped shape counts
 * there ("3XKA-W8P2-RF4N-9TJC-7M6B", letters and digits in dash groups).
 */
const LICENCE_KEY_HEADER = /^(?:key|licen[cs]e(?:[ _-]key)?|product[ _-]key|serial(?:[ _-]key)?|ključ|licenčni ključ|lizenzschlüssel)$/;
const GROUPED_KEY = /^(?=[^-]*\d)(?=[^-]*[A-Z])[A-Z0-9]{4,6}(?:-[A-Z0-9]{4,6}){2,7}$/;

export function detectColumnSecrets(text: string): Detection[] {
  const secrets = columnValues(text, HEADER_HINT, isSecretHeader, HEADER_HINT)
    .filter(({ start, end }) => !NO_VALUE.test(text.slice(start, end)))
    .map(({ start, end }): Detection => ({ type: "SECRET", start, end, confidence: 0.75 }));
  for (const cell of columnValues(text, HEADER_HINT, (field) => LICENCE_KEY_HEADER.test(field), HEADER_HINT)) {
    if (GROUPED_KEY.test(text.slice(cell.start, cell.end))) secrets.push({ type: "SECRET", ...cell, confidence: 0.75 });
  }
  return secrets;
}
