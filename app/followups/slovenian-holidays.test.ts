import { describe, expect, it } from "vitest";
import { easterSunday, slovenianHolidayDates, slovenianHolidays } from "./slovenian-holidays";

describe("slovenianHolidays", () => {
  it("computes Easter Sunday for known years", () => {
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2025)).toEqual({ month: 4, day: 20 });
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2027)).toEqual({ month: 3, day: 28 });
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 }); // latest possible date
  });

  it("lists every work-free day of 2026 and nothing else", () => {
    expect(slovenianHolidays(2026).map((h) => h.date)).toEqual([
      "2026-01-01", "2026-01-02", "2026-02-08", "2026-04-05", "2026-04-06", "2026-04-27",
      "2026-05-01", "2026-05-02", "2026-05-24", "2026-06-25", "2026-08-15", "2026-10-31",
      "2026-11-01", "2026-12-25", "2026-12-26",
    ]);
  });

  it("has Easter Monday and Whit Sunday move with Easter", () => {
    const dates = slovenianHolidayDates(2027);
    expect(dates.has("2027-03-29")).toBe(true); // Easter Monday
    expect(dates.has("2027-05-16")).toBe(true); // Whit Sunday
    expect(dates.has("2027-04-06")).toBe(false);
  });

  it("keeps holidays that are working days out of the calendar", () => {
    const dates = slovenianHolidayDates(2026);
    for (const workingHoliday of ["2026-08-17", "2026-09-15", "2026-10-25", "2026-11-23", "2026-12-23"]) {
      expect(dates.has(workingHoliday)).toBe(false);
    }
  });

  it("treats 2 January as a working day only from 2013 to 2016", () => {
    expect(slovenianHolidayDates(2015).has("2015-01-02")).toBe(false);
    expect(slovenianHolidayDates(2017).has("2017-01-02")).toBe(true);
  });
});
