import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const addresses = (text: string) => detect(text).filter((d) => d.type === "POSTAL_ADDRESS").map((d) => text.slice(d.start, d.end));

describe("addresses that start with the flat, office or unit", () => {
  it("takes the segments after the unit when one names a road or a building, up to a postcode or a country", () => {
    expect(addresses("Please courier it to Flat 12B, Green Park Apartments, MG Road, Pune 411001.")).toEqual(["Flat 12B, Green Park Apartments, MG Road, Pune 411001"]);
    expect(addresses("Office 305, Emirates Towers, Sheikh Zayed Road, Dubai, UAE")).toEqual(["Office 305, Emirates Towers, Sheikh Zayed Road, Dubai"]);
    expect(addresses("Unit 12, Ashford Business Park, Ashford TN24 0GA, RMA RMA-88413.")).toEqual(["Unit 12, Ashford Business Park, Ashford TN24 0GA"]);
  });

  it("leaves products, prose and units without a road", () => {
    expect(addresses("Office 365, Windows Server, Teams")).toEqual([]);
    expect(addresses("Unit 4, the one near the lift, is free.")).toEqual([]);
  });

  it("takes the town line with its district and postcode below a number-first street", () => {
    expect(addresses("45 King Fahd Road\nAl Olaya, Riyadh 12214\nSaudi Arabia")).toEqual(["45 King Fahd Road\nAl Olaya, Riyadh 12214"]);
  });
});
