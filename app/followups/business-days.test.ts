import { describe, expect, it } from "vitest";
import { addBusinessDays, isBusinessDay, localDateKey } from "./business-days";
import { slovenianHolidayDates } from "./slovenian-holidays";

const cal = { timeZone: "Europe/Ljubljana", holidays: slovenianHolidayDates };
const local = (d: Date) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: cal.timeZone, dateStyle: "short", timeStyle: "short" }).format(d);

describe("addBusinessDays", () => {
  it("skips the weekend and keeps the local time (Thu 14:30 + 2 = Mon 14:30)", () => {
    const thursday = new Date("2026-06-11T12:30:00Z"); // 14:30 CEST
    expect(local(addBusinessDays(thursday, 2, cal))).toBe("2026-06-15 14:30");
  });

  it("returns the start unchanged for 0 days", () => {
    const saturday = new Date("2026-06-13T08:00:00Z");
    expect(addBusinessDays(saturday, 0, cal).toISOString()).toBe(saturday.toISOString());
  });

  it("counts a weekend start from Monday", () => {
    const saturday = new Date("2026-06-13T08:00:00Z");
    expect(local(addBusinessDays(saturday, 1, cal))).toBe("2026-06-15 10:00");
  });

  it("skips Easter Monday 2026", () => {
    const thursday = new Date("2026-04-02T07:00:00Z"); // 09:00 CEST
    expect(local(addBusinessDays(thursday, 2, cal))).toBe("2026-04-07 09:00");
  });

  it("skips Easter Monday 2027 across the spring DST change (28 Mar 2027)", () => {
    const friday = new Date("2027-03-26T08:00:00Z"); // 09:00 CET
    expect(local(addBusinessDays(friday, 1, cal))).toBe("2027-03-30 09:00"); // CEST now
  });

  it("skips Christmas, Independence Day and both New Year days", () => {
    const wednesday = new Date("2026-12-23T15:00:00Z"); // 16:00 CET
    // 24 Dec Thu (1), 25 Fri hol, 26-27 weekend, 28 Mon (2), 29 (3), 30 (4), 31 (5), 1-2 Jan hol, 3 Jan Sun, 4 Jan Mon (6)
    expect(local(addBusinessDays(wednesday, 5, cal))).toBe("2026-12-31 16:00");
    expect(local(addBusinessDays(wednesday, 6, cal))).toBe("2027-01-04 16:00");
  });

  it("skips Statehood Day (25 Jun)", () => {
    const wednesday = new Date("2026-06-24T07:00:00Z");
    expect(local(addBusinessDays(wednesday, 1, cal))).toBe("2026-06-26 09:00");
  });

  it("keeps 14:30 local across the spring-forward weekend (29 Mar 2026)", () => {
    const friday = new Date("2026-03-27T13:30:00Z"); // 14:30 CET (UTC+1)
    const due = addBusinessDays(friday, 1, cal);
    expect(due.toISOString()).toBe("2026-03-30T12:30:00.000Z"); // 14:30 CEST (UTC+2)
  });

  it("keeps 14:30 local across the fall-back weekend (25 Oct 2026)", () => {
    const friday = new Date("2026-10-23T12:30:00Z"); // 14:30 CEST (UTC+2)
    const due = addBusinessDays(friday, 1, cal);
    expect(due.toISOString()).toBe("2026-10-26T13:30:00.000Z"); // 14:30 CET (UTC+1)
  });

  it("uses the local date, not the UTC date, near midnight", () => {
    const fridayLateLocal = new Date("2026-06-12T22:30:00Z"); // Sat 00:30 CEST
    expect(localDateKey(fridayLateLocal, cal.timeZone)).toBe("2026-06-13");
    expect(local(addBusinessDays(fridayLateLocal, 1, cal))).toBe("2026-06-15 00:30");
  });

  it("refuses negative or fractional days", () => {
    expect(() => addBusinessDays(new Date(), -1, cal)).toThrow(RangeError);
    expect(() => addBusinessDays(new Date(), 1.5, cal)).toThrow(RangeError);
  });
});

describe("isBusinessDay", () => {
  it("tells weekdays from weekends and holidays in local time", () => {
    expect(isBusinessDay(new Date("2026-04-07T10:00:00Z"), cal)).toBe(true);
    expect(isBusinessDay(new Date("2026-04-06T10:00:00Z"), cal)).toBe(false); // Easter Monday
    expect(isBusinessDay(new Date("2026-06-13T10:00:00Z"), cal)).toBe(false); // Saturday
    expect(isBusinessDay(new Date("2026-04-06T22:30:00Z"), cal)).toBe(true); // already Tue 00:30 local
  });
});
