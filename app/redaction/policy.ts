import { ENTITY_TYPES, type PolicyAction, type RedactionPolicy } from "./types";

/**
 * Remove everything: the safe default for a product whose promise is to keep
 * as little personal data as possible. Masking (last four characters of a card
 * or IBAN) is an opt-in for teams that need to tell two accounts apart.
 */
export const DEFAULT_POLICY: RedactionPolicy = Object.freeze(
  Object.fromEntries(ENTITY_TYPES.map((type) => [type, "remove"])) as RedactionPolicy,
);

const ACTIONS: ReadonlySet<string> = new Set<PolicyAction>(["remove", "mask", "keep"]);

/**
 * Tolerant by design, because policies are edited by hand: unknown keys are
 * ignored, missing or invalid actions fall back to the default, and a JSON
 * string is parsed first. Anything unreadable yields the default policy.
 */
export function parsePolicy(json: unknown): RedactionPolicy {
  let value = json;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return { ...DEFAULT_POLICY };
    }
  }
  const policy: RedactionPolicy = { ...DEFAULT_POLICY };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return policy;
  const record = value as Record<string, unknown>;
  for (const type of ENTITY_TYPES) {
    const action = record[type];
    if (typeof action === "string" && ACTIONS.has(action.toLowerCase())) {
      policy[type] = action.toLowerCase() as PolicyAction;
    }
  }
  return policy;
}
