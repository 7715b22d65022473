/**
 * Redacts text from stdin.
 *   tsx scripts/redact.ts [--policy policy.json] < ticket.txt      → {"text", "findings"}
 *   tsx scripts/redact.ts --jsonl [--policy p.json] < tickets.jsonl → one result per {"text"} line
 * A bad JSONL line yields {"error": "..."} and the run goes on.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parsePolicy, redact, type RedactionPolicy } from "../app/redaction/index";

function parseArgs(argv: string[]): { jsonl: boolean; policy: RedactionPolicy } {
  let jsonl = false;
  let policy = parsePolicy({});
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--jsonl") jsonl = true;
    else if (arg === "--policy") policy = parsePolicy(readFileSync(argv[++i] ?? "", "utf8"));
    else throw new Error(`unknown argument: ${arg}`);
  }
  return { jsonl, policy };
}

function redactToJson(text: string, policy: RedactionPolicy): string {
  const { text: redacted, findings } = redact(text, policy);
  return JSON.stringify({ text: redacted, findings });
}

async function main(): Promise<void> {
  const { jsonl, policy } = parseArgs(process.argv.slice(2));
  if (!jsonl) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    process.stdout.write(redactToJson(Buffer.concat(chunks).toString("utf8"), policy) + "\n");
    return;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    let output: string;
    try {
      const parsed: unknown = JSON.parse(line);
      const text = (parsed as { text?: unknown } | null)?.text;
      if (typeof text !== "string") throw new Error('expected an object with a string "text"');
      output = redactToJson(text, policy);
    } catch (error) {
      // The message describes the shape of the line, never its content.
      output = JSON.stringify({ error: error instanceof SyntaxError ? "invalid JSON" : (error as Error).message });
    }
    process.stdout.write(output + "\n");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`redact: ${(error as Error).message}\n`);
  process.exit(1);
});
