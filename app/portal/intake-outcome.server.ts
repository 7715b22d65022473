import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { getConfig } from "../config.server";
import { getSecrets } from "../secrets.server";

/**
 * What the "thank you" page shows besides the reference (counts of redacted items by type,
 * withheld attachments) travels in a short-lived signed cookie, not in the URL, and is not
 * looked up by reference: references are sequential, so anyone could guess one.
 */
const Outcome = z.object({
  reference: z.string(),
  redacted: z.record(z.number()),
  withheld: z.array(z.object({ fileName: z.string(), reason: z.string() })),
});
export type IntakeOutcome = z.infer<typeof Outcome>;

function cookie() {
  return createCookie("md_intake", {
    httpOnly: true,
    sameSite: "lax",
    secure: getConfig().PUBLIC_URL.startsWith("https://"),
    path: "/new",
    maxAge: 10 * 60,
    secrets: [getSecrets().sessionSecret],
  });
}

export async function serializeIntakeOutcome(outcome: IntakeOutcome): Promise<string> {
  return cookie().serialize(outcome);
}

/** The outcome for this reference, or null (another reference, expired, or tampered with). */
export async function readIntakeOutcome(request: Request, reference: string): Promise<IntakeOutcome | null> {
  const parsed = Outcome.safeParse(await cookie().parse(request.headers.get("Cookie")));
  return parsed.success && parsed.data.reference === reference ? parsed.data : null;
}

export function isReference(value: string | null): value is string {
  return typeof value === "string" && /^MD-\d{4}-\d{6,}$/.test(value);
}
