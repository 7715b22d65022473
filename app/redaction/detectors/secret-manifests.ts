import type { Detection } from "../types";

/**
 * The values of a Kubernetes Secret manifest: under `data:` each value is base64 of a secret (a
 * password, a key, a registry login in `.dockerconfigjson`), which no other rule can read. The
 * manifest says what they are, so each value goes whatever it looks like, unless its key names a
 * public part of a login (username, host, port, database). The keys stay, and so does the rest of
 * the manifest (its name, namespace and type). `stringData:` holds the values in clear, where the
 * key-value rules judge them as in any config.
 *
 * Read line by line in one pass: a document (between `---` lines) counts once its `kind: Secret`
 * line is seen, before or after the data block, so the values of a block are kept until the
 * document ends.
 */

const KIND_SECRET = /^kind:[ \t]*["']?Secret["']?[ \t]*$/;
const DATA_BLOCK = /^([ \t]*)data:[ \t]*$/;
/** Another top-level block ("stringData:", "metadata:") ends the data block. */
const OTHER_BLOCK = /^[ \t]*[\w.-]{1,253}:[ \t]*$/;
/** "  password: cGFzc3dvcmQ=", '  .dockerconfigjson: "eyJ…"'. */
const DATA_ENTRY = /^([ \t]+)["']?([\w.-]{1,253})["']?:[ \t]+(["']?)([^\s"'#][^\n"']{0,8192}?)\3[ \t]*$/d;
/** Keys that name what is no secret by itself: the user, the host, the port, the database. */
const PUBLIC_KEY = /^(?:user(?:[_-]?name)?|login|host(?:name)?|port|database|db(?:[_-]?name)?|name|email|namespace|region|endpoint)$/i;
const DOCUMENT_END = /^(?:---|\.\.\.)[ \t]*$/;

export function detectManifestSecrets(text: string): Detection[] {
  if (!text.includes("Secret")) return [];
  const detections: Detection[] = [];
  let isSecret = false;
  let pending: Detection[] = [];
  let blockIndent: number | null = null;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
    if (DOCUMENT_END.test(line)) {
      if (isSecret) for (const value of pending) detections.push(value);
      isSecret = false;
      pending = [];
      blockIndent = null;
    } else {
      if (KIND_SECRET.test(line)) isSecret = true;
      const block = DATA_BLOCK.exec(line);
      if (block !== null) blockIndent = block[1]!.length;
      else if (blockIndent !== null) {
        const entry = DATA_ENTRY.exec(line);
        if (entry !== null && entry[1]!.length > blockIndent) {
          const [from, to] = entry.indices![4]!;
          if (!PUBLIC_KEY.test(entry[2]!)) pending.push({ type: "SECRET", start: lineStart + from, end: lineStart + to, confidence: 0.9 });
        } else if (OTHER_BLOCK.test(line) || (line.trim() !== "" && !/^[ \t]/.test(line))) blockIndent = null;
      }
    }
    lineStart = lineEnd + 1;
  }
  if (isSecret) for (const value of pending) detections.push(value);
  return detections;
}
