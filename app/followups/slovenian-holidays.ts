/**
 * Slovenian work-free public holidays ("dela prosti dnevi"), as listed in the Zakon o
 * praznikih in dela prostih dnevih v Republiki Sloveniji. Only the days on which people
 * do not work count; holidays that are ordinary working days (17 Aug, 15 Sep, 25 Oct,
 * 23 Nov, 23 Dec) are deliberately absent. 2 January was a working day from 2013 to
 * 2016 and is work-free again since 2017. Whit Sunday is listed for completeness even
 * though it always falls on a Sunday.
 */
export type Holiday = { date: string; name: string };

/** Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Pure calendar arithmetic on a Y-M-D triple (UTC is used only as a proleptic calendar). */
function plusDays(year: number, month: number, day: number, days: number): string {
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function slovenianHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const list: Holiday[] = [
    { date: iso(year, 1, 1), name: "novo leto" },
    ...(year < 2013 || year >= 2017 ? [{ date: iso(year, 1, 2), name: "novo leto" }] : []),
    { date: iso(year, 2, 8), name: "Prešernov dan, slovenski kulturni praznik" },
    { date: iso(year, easter.month, easter.day), name: "velikonočna nedelja" },
    { date: plusDays(year, easter.month, easter.day, 1), name: "velikonočni ponedeljek" },
    { date: iso(year, 4, 27), name: "dan upora proti okupatorju" },
    { date: iso(year, 5, 1), name: "praznik dela" },
    { date: iso(year, 5, 2), name: "praznik dela" },
    { date: plusDays(year, easter.month, easter.day, 49), name: "binkoštna nedelja" },
    { date: iso(year, 6, 25), name: "dan državnosti" },
    { date: iso(year, 8, 15), name: "Marijino vnebovzetje" },
    { date: iso(year, 10, 31), name: "dan reformacije" },
    { date: iso(year, 11, 1), name: "dan spomina na mrtve" },
    { date: iso(year, 12, 25), name: "božič" },
    { date: iso(year, 12, 26), name: "dan samostojnosti in enotnosti" },
  ];
  // A one-off by law after the floods of August 2023, not a recurring holiday.
  if (year === 2023) list.push({ date: "2023-08-14", name: "dan solidarnosti" });
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

const cache = new Map<number, Set<string>>();

/** The holiday dates of a year as a set, in the shape addBusinessDays takes. */
export function slovenianHolidayDates(year: number): Set<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(slovenianHolidays(year).map((h) => h.date));
    cache.set(year, set);
  }
  return set;
}
