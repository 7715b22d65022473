/**
 * What documentation, templates and CI logs put where a secret goes, and never a secret itself:
 * masked values ("sk_test_xxxxxxxxxxxx", "sk_live_XXXXXXXXXXXX", "****-****-****-E8BS", "XXXXX-XXXXX-XXXXX-7K9PQ",
 * "[MASKED]"), instructions ("your-smtp-password", "put your unique phrase here",
 * "generate-with-openssl-rand-base64-32") and a note in parentheses where a table's key cell
 * would be ("(naročnina, brez ključa)"). detect() drops such a value from the secrets found, in
 * one place for every secret rule; so do a slot in brackets ("<vaš-api-ključ>"), a prefix with an
 * ellipsis ("sk_test_...") and a URL whose parts are letter runs (".../services/XXX/YYY/ZZZ").
 * A documentation example key (AKIAIOSFODNN7EXAMPLE) or a webhook with a token X'd out after a
 * real team id stays a secret: it is pasted where a real one would be.
 */
const MASK_RUN = /x{6,}|\*{3,}|•{3,}|#{4,}/;
/** A key X'd out in capitals ("sk_live_XXXXXXXXXXXX"); not a URL, whose real parts before the X's say where it posts. */
const CAPITAL_MASK = /^(?!https?:)[^\s]*X{12,}/;
/** Two groups of a key masked with X ("XXXXX-XXXXX-XXXXX-7K9PQ"). */
const MASKED_GROUPS = /(?:^|-)X{4,}-X{4,}(?:-|$)/;
const MASK_WORD = /^\[(?:masked|redacted|hidden|removed|secret|filtered)\]$/i;
const INSTRUCTION = /^(?:base64:)?(?:your|generate|insert|enter|replace|change)[-_](?:[a-z0-9]+[-_]){0,8}[a-z0-9]+$/i;
/** …and in words, as wp-config.php's salts ship: "put your unique phrase here". */
const INSTRUCTION_PHRASE = /^(?:put|enter|insert|type|paste|add)[ \t]+(?:your|the|a)[ \t]+[\p{L} -]{1,40}[ \t]+here$/iu;
/** A slot in angle brackets or a template's braces: "<vaš-api-ključ>", "{{ api_key }}", "${TOKEN}". */
const SLOT = /^(?:<[^<>\n]{1,60}>|\{\{[^{}\n]{1,60}\}\}|\$\{[^{}\n]{1,60}\})$/;
/** A key's documented prefix alone or with an ellipsis for the rest: "sk_test_...", "ghp_…", "sk_test_". */
const PREFIX_ONLY = /^(?:[A-Za-z][\w:-]{0,11}(?:\.{3}|…)|[a-z]{2,6}_(?:[a-z]{2,6}_)?)$/;
/** A URL whose every part after its first path segment is one letter repeated: ".../services/XXX/YYY/ZZZ". */
const LETTER_RUN_PATH = /^https?:\/\/[^/\s]+\/[\w-]+(?:\/([A-Za-z])\1{2,})+\/?$/;
const NOTE = /^\([^()]*\s[^()]*\)$/;

export function isPlaceholderSecret(value: string): boolean {
  return (
    MASK_RUN.test(value) || CAPITAL_MASK.test(value) || MASK_WORD.test(value) || MASKED_GROUPS.test(value) || INSTRUCTION.test(value) || INSTRUCTION_PHRASE.test(value) || NOTE.test(value) ||
    SLOT.test(value) || PREFIX_ONLY.test(value) || LETTER_RUN_PATH.test(value)
  );
}
