/**
 * The names that forms, manuals and test data use for nobody: Joe Bloggs, Max Mustermann, Pero
 * Perić. Written whole they name no one, so they stay readable (a technician needs to see that the
 * test customer is the one that broke). Only these, whole: a name that real people bear too and
 * templates also use (John and Jane Doe, Janez Novak, John Smith, Mario Rossi) is a person's.
 */
const PLACEHOLDER_NAMES = new Set([
  "john q. public", "richard roe", "jane roe", "joe bloggs", "joe public", "fred bloggs",
  "max mustermann", "erika mustermann", "otto normalverbraucher", "pero perić", "pero peric", "test testerson",
  "test user", "testni uporabnik",
]);

export function isPlaceholderName(value: string): boolean {
  return value.length <= 40 && PLACEHOLDER_NAMES.has(value.replace(/\s+/g, " ").trim().toLowerCase());
}
