/**
 * Slovenian case forms of names, generated from the nominative by the rules of the standard
 * grammar (Slovenski pravopis, declension of masculine and feminine nouns). Names in running
 * text stand in any case ("z Matejem", "podatke Mateja Hribarja"), so the gazetteer holds every
 * form these rules give. Forms are lower-case; over-generation is harmless (a form that is
 * nobody's name never appears in text), a missing form is a leak, so where the grammar has two
 * possibilities (fleeting e, the -r → -rj- rule) both are generated.
 *
 * Only singular cases and the possessive adjective ("Matejev", "Petrin", "Novakova") are made:
 * the dual and plural of a person's name are rare in tickets.
 */

/** Consonants after which the masculine instrumental is -em and the possessive -ev (Matejem, Kranjcem). */
const SOFT_FINAL = /(?:c|č|ć|ž|š|j|đ|dž)$/;
const VOWEL_FINAL = /[aeiouáéíóúàèìòù]$/;
/** Endings of the possessive adjective after its suffix: Matejev, -a, -o, -ega, -emu, -em, -i, -e, -im, -ih. */
const ADJECTIVE_ENDINGS = ["", "a", "o", "ega", "emu", "em", "i", "e", "im", "ih"];

function possessives(stem: string, suffix: string, into: Set<string>): void {
  for (const ending of ADJECTIVE_ENDINGS) into.add(stem + suffix + ending);
}

/**
 * Stems of a consonant-final masculine noun before its case endings: the nominative itself, the
 * stem without a fleeting e (Kranjec → Kranjc, Peter → Petr, Petek → Petk, Pavel → Pavl), and for
 * a final -r the stem with -j- (Hribar → Hribarj, Igor → Igorj).
 */
function consonantStems(name: string): string[] {
  const stems = [name];
  const fleeting = /^(.*[^aeiou])e([crlkn])$/.exec(name);
  if (fleeting && name.length > 3) stems.push(fleeting[1]! + fleeting[2]!);
  for (const stem of stems.slice()) if (stem.endsWith("r")) stems.push(stem + "j");
  return stems;
}

/** Singular cases (and possessives) of a man's given name or surname, lower-case, the nominative included. */
export function masculineForms(nominative: string, withPossessives = true): Set<string> {
  const name = nominative.toLowerCase();
  const forms = new Set([name]);
  if (name.length < 2) return forms;
  const last = name[name.length - 1]!;
  if (last === "a") {
    // Luka, Miha, Sluga: Luke, Luki, Luko (and the old genitive Luka)
    const stem = name.slice(0, -1);
    for (const ending of ["e", "i", "o"]) forms.add(stem + ending);
    if (withPossessives) possessives(stem, "ov", forms);
  } else if (last === "o") {
    // Marko, Perko: Marka, Marku, Markom
    const stem = name.slice(0, -1);
    for (const ending of ["a", "u", "om"]) forms.add(stem + ending);
    if (withPossessives) possessives(stem, "ov", forms);
  } else if (last === "e") {
    // Tine, Jože, Černe: Tineta, Tinetu, Tinetom
    for (const ending of ["ta", "tu", "tom"]) forms.add(name + ending);
    if (withPossessives) possessives(name + "t", "ov", forms);
  } else if (last === "i" || last === "u" || last === "y") {
    // Krasniqi, Rudi, Aliu: Krasniqija, Krasniqiju, Krasniqijem
    for (const ending of ["ja", "ju", "jem"]) forms.add(name + ending);
    if (withPossessives) possessives(name + "j", "ev", forms);
  } else if (!VOWEL_FINAL.test(name)) {
    for (const stem of consonantStems(name)) {
      const soft = SOFT_FINAL.test(stem);
      for (const ending of ["a", "u", soft ? "em" : "om"]) forms.add(stem + ending);
      if (withPossessives) possessives(stem, soft ? "ev" : "ov", forms);
    }
  }
  return forms;
}

/**
 * Singular cases of a woman's given name: -a names decline (Mateja → Mateje, Mateji, Matejo;
 * possessive Matejin), consonant-final ones (Ines, Karmen) and women's surnames stay as they are.
 */
export function feminineForms(nominative: string, withPossessives = true): Set<string> {
  const name = nominative.toLowerCase();
  const forms = new Set([name]);
  if (name.length < 2 || !name.endsWith("a")) return forms;
  const stem = name.slice(0, -1);
  // Croatian, Serbian and Bosnian add the accusative -u and the instrumental -om (Nikolinu, s Anom)
  for (const ending of ["e", "i", "o", "u", "om"]) forms.add(stem + ending);
  if (withPossessives) possessives(stem, "in", forms);
  return forms;
}

/** A surname names a man (declined) or a woman (undeclined): both sets of forms. */
export function surnameForms(nominative: string, withPossessives = true): Set<string> {
  return masculineForms(nominative, withPossessives);
}
