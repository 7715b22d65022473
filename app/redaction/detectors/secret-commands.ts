import type { Detection } from "../types";
import { presentMarkers, scanAll } from "./candidate-scan";
import { PLACEHOLDER } from "./secret-shapes";

/**
 * Passwords handed to command-line tools by the tools' own conventions (their man pages), which
 * technicians paste into tickets whole. A flag alone says nothing ("-p" is a port to many tools,
 * "-w" a timeout), so each flag counts only after the tool it belongs to, on the same line:
 * - mongo/mongosh/mongodump… -p X, az login … -p X, sqlcmd/bcp -P X, ldapsearch/ldapadd… -w X;
 * - keytool/jarsigner -storepass X -keypass X, openssl -passin/-passout pass:X;
 * - smbclient/rpcclient -U user%X, a cifs mount's "password=X" option;
 * - htpasswd -b file user X, rabbitmqctl add_user user X, net use … /user:name X;
 * - echo X | … --password-stdin, echo "user:X" | chpasswd;
 * - SQL: IDENTIFIED BY 'X'; PowerShell ConvertTo-SecureString "X" -AsPlainText; IMAP "a1 LOGIN user X";
 * - snmpwalk … -c X, and network devices' configuration lines (username … password 0 X, enable
 *   secret, snmp-server community X, crypto isakmp key X), redis.conf requirepass/masterauth X,
 *   the "Key Content : X" of netsh wlan show profile key=clear;
 * - Windows administration (reg add … /v DefaultPassword /d X, unattend.xml, cmdkey /pass:X,
 *   PsExec -p X, xfreerdp /p:X, rdesktop -p X), archivers (7z -pX, unzip -P X), plink -pw X,
 *   lftp -u user,X and an ftp script's "user name X" under its "open host".
 * Each pattern starts at a literal tool name, with bounded repetitions, so the scan stays linear.
 */

const VALUE = String.raw`(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|([^\s"'<>|;]{1,200}))`;
/** Up to this much of the same line between the tool and its flag. */
const SAME_LINE = String.raw`[^\n]{0,200}?`;

/** `anchor`: a literal the text must hold; `leads`: the value comes first and the command carries on after it (echo X | …). */
const TOOL_FLAGS: readonly { anchor: string; pattern: RegExp; leads?: true }[] = [
  {
    anchor: "mongo",
    pattern: new RegExp(String.raw`(?<![\w-])(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop)(?![\w-])${SAME_LINE}[ \t](?:-p|--password)(?:[ \t]+|=)${VALUE}`, "g"),
  },
  { anchor: "az ", pattern: new RegExp(String.raw`(?<![\w-])az[ \t]+login(?![\w-])${SAME_LINE}[ \t](?:-p|--password)(?:[ \t]+|=)${VALUE}`, "g") },
  { anchor: "sql", pattern: new RegExp(String.raw`(?<![\w-])(?:sqlcmd|osql|isql)(?![\w-])${SAME_LINE}[ \t]-P[ \t]*${VALUE}`, "g") },
  { anchor: "bcp", pattern: new RegExp(String.raw`(?<![\w-])bcp(?![\w-])${SAME_LINE}[ \t]-P[ \t]*${VALUE}`, "g") },
  { anchor: "ldap", pattern: new RegExp(String.raw`(?<![\w-])ldap(?:search|add|modify|delete|passwd|whoami|compare|modrdn)(?![\w-])${SAME_LINE}[ \t]-w[ \t]+${VALUE}`, "g") },
  {
    anchor: "pass",
    pattern: new RegExp(String.raw`(?<![\w-])-(?:storepass|keypass|srcstorepass|deststorepass|srckeypass|destkeypass)[ \t]+${VALUE}`, "g"),
  },
  { anchor: "pass:", pattern: new RegExp(String.raw`(?<![\w-])-(?:passin|passout|pass|password)[ \t]+pass:${VALUE}`, "g") },
  { anchor: "%", pattern: new RegExp(String.raw`(?<![\w-])(?:smbclient|rpcclient|smbmap|smbcacls|net[ \t]+rpc)(?![\w-])${SAME_LINE}[ \t](?:-U|--user)(?:[ \t]+|=)["']?[^\s%"']{1,64}%${VALUE}`, "g") },
  { anchor: "cifs", pattern: new RegExp(String.raw`(?<![\w-])cifs(?![\w-])${SAME_LINE}[ \t,]password=([^\s,"']{1,200})()()`, "g") },
  { anchor: "htpasswd", pattern: new RegExp(String.raw`(?<![\w-])htpasswd[ \t]+-[a-zA-Z]*b[a-zA-Z]*[ \t]+(?:-[a-zA-Z]+[ \t]+)*[^\s]{1,200}[ \t]+[^\s]{1,64}[ \t]+${VALUE}`, "g") },
  { anchor: "rabbitmqctl", pattern: new RegExp(String.raw`(?<![\w-])rabbitmqctl[ \t]+(?:add_user|change_password)[ \t]+[^\s]{1,64}[ \t]+${VALUE}`, "g") },
  { anchor: "net", pattern: new RegExp(String.raw`(?<![\w-])net[ \t]+use(?![\w-])${SAME_LINE}[ \t]/u(?:ser)?:[^\s]{1,64}[ \t]+(?!/)${VALUE}`, "gi") },
  { anchor: "echo", pattern: new RegExp(String.raw`(?<![\w-])echo[ \t]+(?:-[ne][ \t]+)?${VALUE}[ \t]*\|${SAME_LINE}(?:--password-stdin|sudo[ \t]+-S)(?![\w-])`, "g"), leads: true },
  { anchor: "chpasswd", pattern: /(?<![\w-])echo[ \t]+(?:-[ne][ \t]+)?["']?[^\s:"']{1,64}:([^\s"']{1,200})()()["']?[ \t]*\|[ \t]*(?:sudo[ \t]+)?chpasswd(?![\w-])/g, leads: true },
  { anchor: "IDENTIFIED", pattern: new RegExp(String.raw`(?<![\w-])IDENTIFIED[ \t]+(?:WITH[ \t]+\w{1,40}[ \t]+)?BY[ \t]+(?:PASSWORD[ \t]+(?=["']))?(?!PASSWORD(?!\w))${VALUE}`, "gi") }, // "BY PASSWORD '*hash'" is MySQL's old form
  { anchor: "snmp", pattern: new RegExp(String.raw`(?<![\w-])snmp(?:walk|get|getnext|bulkwalk|bulkget|set|table|trap)(?![\w-])${SAME_LINE}[ \t]-c[ \t]*${VALUE}`, "g") },
  { anchor: "SecureString", pattern: new RegExp(String.raw`ConvertTo-SecureString[ \t]+(?:-String[ \t]+)?${VALUE}[^\n]{0,40}?-AsPlainText`, "gi"), leads: true },
  // IMAP: "a001 LOGIN user password" (RFC 3501), as mail clients' protocol logs show it; the tag
  // has a digit, unlike the words of "Failed LOGIN attempt 3".
  { anchor: "LOGIN", pattern: new RegExp(String.raw`(?<![\w-])[A-Za-z]{0,4}\d{1,6}[ \t]+LOGIN[ \t]+(?:"[^"\n]{1,64}"|[^\s"]{1,64})[ \t]+${VALUE}[ \t]*$`, "gm") },
  // Network devices' configuration (Cisco IOS and the like): the lines are commands too.
  { anchor: "username", pattern: new RegExp(String.raw`^[ \t]*username[ \t]+[^\s]{1,64}(?:[ \t]+privilege[ \t]+\d{1,2})?[ \t]+(?:password|secret)(?:[ \t]+\d{1,2})?[ \t]+${VALUE}`, "gm") },
  { anchor: "enable", pattern: new RegExp(String.raw`^[ \t]*enable[ \t]+(?:password|secret)(?:[ \t]+(?:level[ \t]+\d{1,2}|\d{1,2}))?[ \t]+${VALUE}`, "gm") },
  { anchor: "community", pattern: new RegExp(String.raw`^[ \t]*snmp-server[ \t]+community[ \t]+${VALUE}`, "gm") },
  { anchor: "key", pattern: new RegExp(String.raw`^[ \t]*(?:crypto[ \t]+isakmp[ \t]+key|pre-shared-key|key-string|wpa-psk[ \t]+ascii(?:[ \t]+\d)?|tacacs-server[ \t]+key|radius-server[ \t]+key)(?:[ \t]+\d)?[ \t]+${VALUE}`, "gm") },
  // redis.conf and Sentinel: the directive, a blank, the password.
  { anchor: "pass", pattern: new RegExp(String.raw`^[ \t]*(?:requirepass|sentinel[ \t]+auth-pass[ \t]+[^\s]{1,64})[ \t]+${VALUE}`, "gm") },
  { anchor: "masterauth", pattern: new RegExp(String.raw`^[ \t]*masterauth[ \t]+${VALUE}`, "gm") },
  // Windows administration: a registry value named for a password (Winlogon's DefaultPassword),
  // unattend.xml's <Password><Value>, cmdkey /pass:, PsExec -p, RDP clients' /p: and -p.
  { anchor: "/d", pattern: new RegExp(String.raw`(?<![\w-])reg(?:\.exe)?[ \t]+add(?![\w-])${SAME_LINE}[ \t]/v[ \t]+"?\w{0,40}(?:Password|Passwd|Pwd|Secret|Key)\w{0,20}"?${SAME_LINE}[ \t]/d[ \t]+${VALUE}`, "gi") },
  { anchor: "<Value>", pattern: /<(?:Password|AdministratorPassword|AutoLogonPassword)>[ \t\r\n]{0,40}<Value>([^<\n]{1,200})()()<\/Value>/g },
  { anchor: "cmdkey", pattern: new RegExp(String.raw`(?<![\w-])cmdkey(?:\.exe)?(?![\w-])${SAME_LINE}[ \t]/pass:${VALUE}`, "gi") },
  { anchor: "exec", pattern: new RegExp(String.raw`(?<![\w-])(?:psexec|psexec64|paexec)(?:\.exe)?(?![\w-])${SAME_LINE}[ \t]-p[ \t]+${VALUE}`, "gi") },
  { anchor: "rdp", pattern: new RegExp(String.raw`(?<![\w-])(?:xfreerdp|wlfreerdp|sdl-freerdp|xfreerdp3)(?![\w-])${SAME_LINE}[ \t]/p:${VALUE}`, "g") },
  { anchor: "rdesktop", pattern: new RegExp(String.raw`(?<![\w-])rdesktop(?![\w-])${SAME_LINE}[ \t]-p[ \t]+${VALUE}`, "g") },
  // Archivers: 7-Zip and RAR glue the password to -p (alone, -p prompts); zip and unzip take -P X.
  { anchor: "-p", pattern: new RegExp(String.raw`(?<![\w-])(?:7z|7za|7zz|7z\.exe|rar|unrar|winrar)(?![\w-])${SAME_LINE}[ \t]-p${VALUE}`, "g") },
  { anchor: "zip", pattern: new RegExp(String.raw`(?<![\w-])(?:zip|unzip|zipcloak)(?![\w-])${SAME_LINE}[ \t]-P[ \t]+${VALUE}`, "g") },
  // PuTTY's plink/pscp/psftp -pw X; lftp -u user,X; an ftp script's "user NAME X" line.
  { anchor: "-pw", pattern: new RegExp(String.raw`(?<![\w-])(?:plink|pscp|psftp)(?:\.exe)?(?![\w-])${SAME_LINE}[ \t]-pw[ \t]+${VALUE}`, "gi") },
  { anchor: "lftp", pattern: new RegExp(String.raw`(?<![\w-])lftp(?![\w-])${SAME_LINE}[ \t]-u[ \t]+["']?[^\s,"']{1,64},${VALUE}`, "g") },
  { anchor: "ftp", pattern: /^[ \t]*open[ \t]+[^\s]{1,253}[ \t]*\r?\n(?:[^\n]{0,80}\n){0,2}?[ \t]*user[ \t]+[^\s]{1,64}[ \t]+([^\s]{1,200})()()[ \t]*$/gm },
  // Windows: netsh wlan show profile … key=clear prints the Wi-Fi key under this label.
  { anchor: "Key Content", pattern: /Key Content[ \t]*:[ \t]*([^\r\n]{1,64}?)()()[ \t]*$/gm },
];

/** Not a password but where one is read from (a variable, a prompt, a file), a placeholder, or the next flag. */
function isNotAValue(raw: string): boolean {
  return PLACEHOLDER.test(raw) || /^\$\{?[A-Za-z_]\w*\}?$|^(?:-|env:|file:)|^(?:stdin|prompt)$/.test(raw);
}

/** The anchors of the case-sensitive patterns, looked for in one scan (presentMarkers) rather than one includes each. */
const CASE_SENSITIVE_ANCHORS = TOOL_FLAGS.filter(({ pattern }) => !pattern.flags.includes("i")).map(({ anchor }) => ({ marker: anchor }));

export function detectCommandSecrets(text: string): Detection[] {
  const detections: Detection[] = [];
  let lower: string | undefined;
  const present = presentMarkers(text, CASE_SENSITIVE_ANCHORS);
  for (const { anchor, pattern, leads } of TOOL_FLAGS) {
    if (!present.has(anchor) && !(pattern.flags.includes("i") && (text.includes(anchor) || (lower ??= text.toLowerCase()).includes(anchor.toLowerCase())))) continue;
    // Most patterns start with a lookbehind, which a scan of the whole text tries at every position.
    for (const match of scanAll(pattern, text)) {
      const raw = match[1] ?? match[2] ?? match[3];
      if (raw === undefined || isNotAValue(raw)) continue;
      // The value ends the match (or its closing quote does), except where the command carries on after it.
      const at = leads ? match[0].indexOf(raw, match[0].indexOf(" ")) : match[0].lastIndexOf(raw);
      const start = match.index + at;
      detections.push({ type: "SECRET", start, end: start + raw.length, confidence: 0.9 });
    }
  }
  return detections;
}
