/**
 * Screenshot redaction speed and memory on rendered CRM screens (no fixtures, no network),
 * with one reused OCR worker as in production. Also measures what OCR preprocessing buys:
 * how many of the planted entities are found with and without it.
 * Run: npm run bench:image   (target: a 1920×1080 screenshot in under 2 s on one core)
 * `-- --save DIR` also writes the redacted screens there, to look at what was covered.
 */
import fs from "node:fs";
import path from "node:path";
import { configureOcrPool, shutdownOcrPool } from "../app/redaction/image/ocr-pool.server";
import { redactImage } from "../app/redaction/image/redact-image.server";
import { renderTextImage, type TextLine } from "../tests/fixtures/images/render-text-image";

const RUNS = 5;

/** Made-up people; the IBAN, card and tax numbers are valid test numbers, not real accounts. */
const CONTACTS = [
  ["Jana Novak", "jana.novak@example.com", "041 123 456", "SI56 1910 0000 0123 438"],
  ["Marko Kranjc", "marko.kranjc@podjetje.si", "+386 31 555 777", "SI56 2633 0001 2039 086"],
  ["Petra Zupan", "petra@zupan-consulting.si", "051 222 333", "DE89 3704 0044 0532 0130 00"],
  ["Luka Horvat", "luka.horvat@example.org", "040 987 654", "GB82 WEST 1234 5698 7654 32"],
];
const PLANTED = CONTACTS.length * 4 + 1; // + one card number in the notes

function crmScreen(width: number, height: number, fontSize: number): { lines: TextLine[]; backgroundSvg: string } {
  const col = (f: number) => Math.round(240 + (width - 260) * f);
  const row = (i: number) => 120 + i * Math.round(fontSize * 2.2);
  const lines: TextLine[] = [
    { text: "Minidesk CRM  |  Contacts  |  Tickets  |  Reports", x: 20, y: 40, fontSize: fontSize + 2, color: "#ffffff" },
    ...["Dashboard", "Contacts", "Companies", "Tickets", "Settings"].map((t, i) => ({ text: t, x: 24, y: row(i), color: "#dddddd" })),
    { text: "Name", x: col(0), y: row(0) - 30, bold: true },
    { text: "Email", x: col(0.22), y: row(0) - 30, bold: true },
    { text: "Phone", x: col(0.5), y: row(0) - 30, bold: true },
    { text: "IBAN", x: col(0.68), y: row(0) - 30, bold: true },
  ];
  CONTACTS.forEach(([name, email, phone, iban], i) => {
    lines.push({ text: `Name: ${name}`, x: col(0), y: row(i) }, { text: email!, x: col(0.22), y: row(i) });
    lines.push({ text: phone!, x: col(0.5), y: row(i) }, { text: iban!, x: col(0.68), y: row(i) });
  });
  const notes = [
    "Notes: customer reports that the VPN disconnects every ten minutes since the last update.",
    "Paid the invoice with card 4111 1111 1111 1111 and asked for a copy by email.",
    "Next step: check the firewall logs on the office router and call back on Monday.",
  ];
  notes.forEach((text, i) => lines.push({ text, x: col(0), y: row(CONTACTS.length + 1 + i) }));
  const backgroundSvg = `<rect x="0" y="0" width="${width}" height="64" fill="#24364f"/><rect x="0" y="64" width="200" height="${height - 64}" fill="#2f3e52"/>`;
  return { lines, backgroundSvg };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function main() {
  const saveAt = process.argv.indexOf("--save");
  const saveDir = saveAt > 0 ? process.argv[saveAt + 1] : undefined;
  configureOcrPool({ size: 1 });
  for (const [width, height, fontSize] of [[1920, 1080, 16], [1280, 720, 13]] as const) {
    const screen = crmScreen(width, height, fontSize);
    const png = await renderTextImage({ width, height, fontSize, ...screen });
    await redactImage(png); // starts the worker; not timed
    for (const preprocess of [true, false]) {
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const r = await redactImage(png, { preprocess });
        times.push(performance.now() - started);
        if (!r.ok) throw new Error(`refused: ${r.reason}`);
        if (saveDir && i === 0) fs.writeFileSync(path.join(saveDir, `${width}x${height}-preprocess-${preprocess}.png`), r.image);
        found = Object.values(r.report.counts).reduce((a, b) => a + (b ?? 0), 0);
      }
      console.log(
        `${width}x${height} preprocess=${preprocess ? "on " : "off"}: median ${median(times).toFixed(0)} ms ` +
          `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}), ` +
          `entities found ${found}/${PLANTED}, peak RSS ${rssMb()} MB`,
      );
    }
  }
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => shutdownOcrPool());
