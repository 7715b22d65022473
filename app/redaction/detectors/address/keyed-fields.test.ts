import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const addresses = (text: string) => detect(text).filter((d) => d.type === "POSTAL_ADDRESS").map((d) => text.slice(d.start, d.end));

describe("an address given in keyed fields", () => {
  it("takes the town fields after a street field in a form, with dot leaders too", () => {
    expect(addresses("Address line 1: Flat 3, 27 Cotham Hill\nTown / City: Bristol\nPostcode: BS6 6LA\nCountry: United Kingdom")).toEqual([
      "Flat 3, 27 Cotham Hill", "Bristol", "BS6 6LA",
    ]);
    expect(addresses("Street/No ....... Ob Savinji 3\nPost code/Town .. 3310 Žalec")).toEqual(["Ob Savinji 3", "3310 Žalec"]);
    expect(addresses("address_1: 7 Sandymount Green\naddress_2: Dublin 4\neircode: D04 W6X2")).toEqual(["7 Sandymount Green", "Dublin 4", "D04 W6X2"]);
  });

  it("reads JSON and XML records, UBL's element names among them", () => {
    const json = '{"ship_to":{"addr1":"Sp. Duplek 107","addr2":"","zip":"2241","city":"Spodnji Duplek"},"paid":"2026-12-01"}';
    expect(addresses(json)).toEqual(["Sp. Duplek 107", "2241", "Spodnji Duplek"]);
    const ubl = "<StreetName>Koroška cesta 14</StreetName>\n<CityName>Velenje</CityName>\n<PostalZone>3320</PostalZone>\n<CountryCode>SI</CountryCode>";
    expect(addresses(ubl)).toEqual(["Koroška cesta 14", "Velenje", "3320"]);
    expect(addresses('"changes":{"address":"Main Street, Kinsale, Co. Cork P17 X662","dob":"x"}')).toEqual(["Main Street, Kinsale, Co. Cork P17 X662"]);
  });

  it("leaves a town field with no street before it, and a firm before the street", () => {
    expect(addresses("City: Bristol\nPostcode: BS6 6LA")).not.toContain("Bristol");
    expect(addresses('{"city":"Springfield","state":"IL"}')).toEqual([]);
    expect(addresses("Address: Kovač d.o.o., Vrtna 6, Kranj")).toEqual(["Vrtna 6, Kranj"]);
  });
});

describe("keyed addresses in more exports", () => {
  it("reads FHIR's value attributes, namespaced UBL and eSlog's data elements", () => {
    expect(addresses('<address><line value="Prešernova ulica 12"/><city value="Celje"/><postalCode value="3000"/></address>')).toEqual(["Prešernova ulica 12", "Celje", "3000"]);
    expect(addresses("<cbc:StreetName>Teslova ulica 27</cbc:StreetName>\n<cbc:CityName>Ljubljana</cbc:CityName>\n<cbc:PostalZone>1000</cbc:PostalZone>")).toEqual(["Teslova ulica 27", "Ljubljana", "1000"]);
    expect(addresses("<D_3042>Partizanska cesta 44</D_3042><D_3164>Slovenj Gradec</D_3164><D_3251>2380</D_3251>")).toEqual(["Partizanska cesta 44", "Slovenj Gradec", "2380"]);
  });

  it("joins a street's name to the house number field after it", () => {
    expect(addresses("Street:          Pot na Fužine\nHouse no.:       43\nFlat:            14\nPostcode:        1000\nTown:            Ljubljana\nValid from:      01.07.2024")).toEqual([
      "Pot na Fužine", "43", "14", "1000", "Ljubljana",
    ]);
    // a street's name with no number after it is a place, not an address
    expect(addresses("Street: Pot na Fužine\nComment: closed for works\nTown: Ljubljana")).toEqual([]);
  });
});

describe("whole addresses in keyed fields of other systems", () => {
  it("takes a geocoder's formatted address without its country, and whois's registrant fields", () => {
    expect(addresses('{"formatted_address": "Breg 14, 1000 Ljubljana, Slovenia"}')).toEqual(["Breg 14, 1000 Ljubljana"]);
    expect(addresses("Registrant Street: Brodišče 19\nRegistrant City: Trzin\nRegistrant Postal Code: 1236")).toEqual(["Brodišče 19", "Trzin", "1236"]);
  });
});

describe("an address split over keyed fields in any order", () => {
  it("joins a street's name to its number field, and takes the parts given before the street", () => {
    expect(addresses('{"ulica": "Ribniška ulica", "hisnaSt": "3", "posta": "1000", "kraj": "Ljubljana"}')).toEqual(["Ribniška ulica", "3", "1000", "Ljubljana"]);
    expect(addresses("Town: Bled\nStreet: Ljubljanska cesta 7\nPostcode: 4260")).toEqual(["Bled", "Ljubljanska cesta 7", "4260"]);
  });

  it("leaves a town field of another record, a blank line before the street", () => {
    expect(addresses("Town: Bled\n\nStreet: Ljubljanska cesta 7")).toEqual(["Ljubljanska cesta 7"]);
  });
});
