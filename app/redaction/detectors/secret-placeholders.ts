/**
 * What documentation, templates and CI logs put where a secret goes, and never a secret itself:
 * masked values ("sk_test_xxxxxxxxxxxx", "****-****-****-E8BS", "XXXXX-XXXXX-XXXXX-7K9PQ",
 * "[MASKED]"), instructions ("your-smtp-password",
 * "generate-with-openssl-rand-base64-32") and a note in parentheses where a table's key cell
 * would be ("(naročnina, brez ključa)"). detect() drops such a value from the secrets found, in
 * one place for every secret rule. A documentation example key (AKIAIOSFODNN7EXAMPLE) or a
 * webhook with X's for its token stays a secret: it is pasted where a real one would be.
 */
const MASK_RUN = /x{6,}|\*{3,}|•{3,}|#{4,}/;
/** Two groups of a key masked with X ("XXXXX-XXXXX-XXXXX-7K9PQ"). */
const MASKED_GROUPS = /(?:^|-)X{4,}-X{4,}(?:-|$)/;
const MASK_WORD = /^\[(?:masked|redacted|hidden|removed|secret|filtered)\]$/i;
const INSTRUCTION = /^(?:your|generate|insert|enter|replace|change)[-_](?:[a-z0-9]+[-_]){0,8}[a-z0-9]+$/i;
const NOTE = /^\([^()]*\s[^()]*\)$/;

export function isPlaceholderSecret(value: string): boolean {
  return MASK_RUN.test(value) || MASK_WORD.test(value) || MASKED_GROUPS.test(value) || INSTRUCTION.test(value) || NOTE.test(value);
}
