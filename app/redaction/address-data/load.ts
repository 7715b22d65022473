import streetWords from "./street-words.json";
import townLines from "./towns.json";

/**
 * The address word lists, turned into lookup sets the first time a detector asks and kept for
 * the life of the process. JSON imports, so the data is bundled with the engine and nothing is
 * read from disk (see README.md).
 */
export interface AddressData {
  /** Town names, lower case: "domžale", "novo mesto", "wien". */
  towns: ReadonlySet<string>;
  /** The first word of every town name, as written: "1000 Ljubljana - Šentvid" is known by "Ljubljana". */
  townFirstWords: ReadonlySet<string>;
  /** Locatives with their preposition, lower case: "v domžalah", "na bledu". */
  townLocatives: ReadonlySet<string>;
  /** The longest town name or locative in words, so a look-up tries at most that many. */
  maxTownWords: number;
  kindAfterName: ReadonlySet<string>;
  kindBeforeName: ReadonlySet<string>;
  germanSuffixes: readonly string[];
  germanWords: ReadonlySet<string>;
  englishKinds: ReadonlySet<string>;
  villagePrefixes: ReadonlySet<string>;
  units: ReadonlySet<string>;
  poBoxes: readonly string[];
}

let loaded: AddressData | null = null;

export function addressData(): AddressData {
  if (loaded !== null) return loaded;
  const towns = new Set<string>();
  const townFirstWords = new Set<string>();
  const townLocatives = new Set<string>();
  let maxTownWords = 1;
  for (const line of townLines as string[]) {
    const [name, locative] = line.split("|").map((part) => part.trim());
    towns.add(name!.toLowerCase());
    townFirstWords.add(name!.split(" ")[0]!);
    if (locative) townLocatives.add(locative.toLowerCase());
    maxTownWords = Math.max(maxTownWords, name!.split(" ").length, locative ? locative.split(" ").length : 0);
  }
  loaded = {
    towns,
    townFirstWords,
    townLocatives,
    maxTownWords,
    kindAfterName: new Set(streetWords.kindAfterName),
    kindBeforeName: new Set(streetWords.kindBeforeName),
    germanSuffixes: streetWords.germanSuffixes,
    germanWords: new Set(streetWords.germanWords),
    englishKinds: new Set(streetWords.englishKinds),
    villagePrefixes: new Set(streetWords.villagePrefixes),
    units: new Set(streetWords.units),
    poBoxes: streetWords.poBoxes,
  };
  return loaded;
}
