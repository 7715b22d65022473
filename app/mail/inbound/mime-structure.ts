// Measures how deep and how large a message's MIME tree is before the real parser builds it.
// mailparser only bounds the number of parts; a message of 60 nested multiparts inside 40 KB is
// legal MIME that no mail client produces, and is refused before anything else looks at it.

export interface MimeStructure {
  /** 0 for a single-part message; each multipart or embedded message/rfc822 level adds one. */
  depth: number;
  /** Every entity, the message itself included. */
  parts: number;
}

interface OpenMultipart {
  delimiter: string;
  childDepth: number;
}

/** Stops counting as soon as `stopAbove` is exceeded, so a hostile message costs one short pass. */
export function measureMimeStructure(raw: Buffer, stopAbove: MimeStructure = { depth: Infinity, parts: Infinity }): MimeStructure {
  // latin1 maps every byte to one character, so 8-bit bodies cannot break the line scan.
  const lines = raw.toString("latin1").split(/\r?\n/);
  const open: OpenMultipart[] = [];
  const measured: MimeStructure = { depth: 0, parts: 1 };
  let entityDepth = 0;
  let inHeader = true;
  let header: string[] = [];

  for (const line of lines) {
    if (measured.depth > stopAbove.depth || measured.parts > stopAbove.parts) break;
    if (inHeader) {
      if (line !== "") {
        header.push(line);
        continue;
      }
      const contentType = contentTypeOf(header);
      header = [];
      inHeader = false;
      const boundary = /^multipart\//i.test(contentType) ? /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType) : null;
      if (boundary) {
        open.push({ delimiter: `--${boundary[1] ?? boundary[2]}`, childDepth: entityDepth + 1 });
      } else if (/^message\/rfc822/i.test(contentType)) {
        // The embedded message's own header follows directly (RFC 2046 5.2.1).
        entityDepth += 1;
        measured.parts += 1;
        measured.depth = Math.max(measured.depth, entityDepth);
        inHeader = true;
      }
      continue;
    }
    if (!line.startsWith("--")) continue;
    const candidate = line.trimEnd();
    for (let i = open.length - 1; i >= 0; i--) {
      const multipart = open[i]!;
      if (candidate === `${multipart.delimiter}--`) {
        open.length = i;
        break;
      }
      if (candidate === multipart.delimiter) {
        // A delimiter of an outer multipart also closes any inner one left unterminated.
        open.length = i + 1;
        entityDepth = multipart.childDepth;
        measured.parts += 1;
        measured.depth = Math.max(measured.depth, entityDepth);
        inHeader = true;
        break;
      }
    }
  }
  return measured;
}

function contentTypeOf(headerLines: string[]): string {
  const unfolded = headerLines.join("\n").replace(/\n[ \t]+/g, " ");
  return /^content-type\s*:\s*(.*)$/im.exec(unfolded)?.[1] ?? "";
}
