import type { Detection } from "../types";
import { PLACEHOLDER } from "./secret-shapes";

/**
 * A user name and password handed to a library call in source code pasted into a ticket:
 * requests' auth=("user", "pw"), HTTPBasicAuth("user", "pw"), smtplib's / ftplib's
 * .login("user", "pw"), .NET NetworkCredential("user", "pw"), JDBC
 * DriverManager.getConnection(url, "user", "pw"). The call names what its string arguments are,
 * so the last one, the password, goes; a variable or an environment lookup there is no value.
 * One literal scan for the call names; bounded repetitions only.
 */

const STRING = String.raw`(?:"[^"\n]{0,200}"|'[^'\n]{0,200}')`;
const CREDENTIAL_CALL = new RegExp(
  String.raw`(?<![\w$])(?:auth|http_auth|basic_auth|HTTPBasicAuth|HTTPDigestAuth|HttpBasicAuth|BasicAuth|NetworkCredential|UsernamePasswordCredentials|PasswordAuthentication|PSCredential|getConnection|login|connect)[ \t]*(?:=[ \t]*[(\[]|\()[ \t]*(?:${STRING}[ \t]*,[ \t]*)?${STRING}[ \t]*,[ \t]*(?:"([^"\n]{1,200})"|'([^'\n]{1,200})')[ \t]*[)\]]`,
  "g",
);

export function detectCodeSecrets(text: string): Detection[] {
  if (!text.includes("(")) return [];
  const detections: Detection[] = [];
  for (const match of text.matchAll(CREDENTIAL_CALL)) {
    const raw = match[1] ?? match[2]!;
    // A placeholder, or a number ("connect('db', '5432')" passes a port).
    if (PLACEHOLDER.test(raw) || /^\d+$/.test(raw)) continue;
    const end = match.index + match[0].lastIndexOf(raw) + raw.length;
    detections.push({ type: "SECRET", start: end - raw.length, end, confidence: 0.85 });
  }
  return detections;
}
