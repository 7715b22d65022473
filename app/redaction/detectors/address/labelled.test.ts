import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const addresses = (text: string) => detect(text).filter((d) => d.type === "POSTAL_ADDRESS").map((d) => text.slice(d.start, d.end));

describe("a place and a house number after words that say an address follows", () => {
  it("takes a village without a street after an address label or a verb of living", () => {
    expect(addresses("Stalni naslov: Podgorje 17")).toEqual(["Podgorje 17"]);
    expect(addresses("Home address: Galjevica 45")).toEqual(["Galjevica 45"]);
    expect(addresses("Živim v Podgorju 17, dostava je možna popoldne.")).toEqual(["v Podgorju 17"]);
    expect(addresses("Stanujem v vasi Lokev 15.")).toEqual(["v vasi Lokev 15"]);
  });

  it("leaves a title, a room and a count", () => {
    expect(addresses("Naslov: Napaka 404 pri prijavi")).toEqual([]);
    expect(addresses("Živim v Ljubljani 5 let.")).toEqual([]);
    expect(addresses("Živi v sobi 3, Živi v Sobi 3")).toEqual([]);
  });

  it("takes a building or a business between an address label and the street, not a company with its legal form", () => {
    expect(addresses("Shipping address: Riverside Lodge, 4 Quay Street, Galway")).toEqual(["Riverside Lodge, 4 Quay Street, Galway"]);
    expect(addresses("Address: Kovač d.o.o., Vrtna 6, Kranj")).toEqual(["Vrtna 6, Kranj"]);
  });
});

