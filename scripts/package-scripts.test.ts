import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every npm script must run: each one's entry file (the script that tsx or node is given) and each
 * command it calls must exist. A renamed or missing file (db:migrate once named scripts/migrate.ts
 * before it existed) fails here instead of on a user's machine.
 */
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
const bin = (name: string) => fs.existsSync(path.join("node_modules/.bin", name));

/** The commands of a script line: "A=1 tsx x.ts && npm run y -- z" → [["tsx","x.ts"], ["npm","run","y","--","z"]]. */
function commandsOf(line: string): string[][] {
  return line
    .split(/&&|\|\||;|\|/)
    .map((part) => part.trim().split(/\s+/).filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w)))
    .filter((words) => words.length > 0);
}

describe("package.json scripts", () => {
  it.each(Object.entries(pkg.scripts))("%s: its commands and entry files exist", (name, line) => {
    for (const [command, ...args] of commandsOf(line)) {
      if (command === "npm") {
        if (args[0] === "run") expect(pkg.scripts, `${name} runs npm script ${args[1]}`).toHaveProperty(args[1]!);
        continue;
      }
      expect(bin(command!), `${name}: command ${command} is not installed`).toBe(true);
      if (command === "tsx" || command === "node") {
        const entry = args.find((a) => !a.startsWith("-"));
        expect(entry, `${name}: ${command} without an entry file`).toBeDefined();
        expect(fs.existsSync(entry!), `${name}: ${entry} does not exist`).toBe(true);
      }
    }
  });

  it("reads entry files out of a script line", () => {
    expect(commandsOf("PRISMA_X=/bin/false prisma generate && npm run prisma -- generate")).toEqual([["prisma", "generate"], ["npm", "run", "prisma", "--", "generate"]]);
    expect(commandsOf("tsx scripts/migrate.ts")).toEqual([["tsx", "scripts/migrate.ts"]]);
  });
});
