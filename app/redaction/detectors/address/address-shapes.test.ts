import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const addresses = (text: string) => detect(text).filter((d) => d.type === "POSTAL_ADDRESS").map((d) => text.slice(d.start, d.end));

describe("postal addresses in the shapes of their countries", () => {
  it.each([
    ["Gartenstraße 15a, 3. OG links, 70174 Stuttgart"],
    ["Landstraßer Hauptstraße 71/Stiege 2/Top 14\n1030 Wien"],
    ["2250 W. Broadway, #304, Vancouver, BC V6K 2E4"],
    ["315 W. 4th Street, Unit 1102, Cincinnati, Ohio 45202"],
    ["8800 SUNSET BLVD STE 210\nWEST HOLLYWOOD CA 90069-2104"],
    ["The Laurels, 4 Vicarage Lane\nStratford-upon-Avon CV37 6BQ"],
    ["Flat 4, 27 Harcourt Road, Dublin 2, D02 HX65"],
    ["Rožni dolini, cesta IV/32, 1000 Ljubljana"],
    ["1600 Pennsylvania Ave NW, Washington, DC 20500"],
    ["Kidričeva 7, p. p. 12, 3000 Celje"],
    ["Vinohradská 12, 120 00 Praha 2"],
    ["Drevored 1. maja 2, 6000 Koper"],
    ["flat 2, 18 Station Road, Reading RG1 1LX"],
    ["ul. Grunwaldzka 186/12, 80-266 Gdańsk"],
    ["Kirchengasse 5, 3100 St. Pölten"],
    ["Bulevar oslobođenja 64, 21000 Novi Sad"],
    ["Bulevar kralja Aleksandra 73/II, stan 8"],
    ["1053 Budapest, Kossuth Lajos utca 12. II/4."],
    ["Ljubljanska c. 24 Domžale"],
    ["Rua Augusta 100, 1100-053 Lisboa"],
    ["Karl Johans gate 1, 0154 Oslo"],
    ["Wolfova ulica 6, 2nd floor"],
    ["Schillerstraße 14 in 80336 München"],
    ["Gewerbepark 3, 6068 Mils bei Hall"],
    ["ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa"],
    ["Zmaja od Bosne 8, 71000 Sarajevo"],
    ["8230 Balatonfüred, Petőfi Sándor utca 41/A"],
    ["Salzburger Straße 9, 6060 Hall in Tirol"],
    ["Memminger Straße 31\n87509 Immenstadt i. Allgäu"],
    ["Via Roma 3, 30027 San Donà di Piave"],
    ["Main Street, Bagenalstown, Co. Carlow R21 HX60"],
    ["Oakfield House, Mill Road, Midleton, Co. Cork, P25 W2K8"],
    ["3rd floor, 12 Upper O'Connell Street, Dublin 1, D01 T2X5"],
    ["1/2, 88 Byres Road\nGlasgow\nG11 5JY"],
    ["2F1, 7 Warrender Park Road\nEdinburgh EH9 1EW"],
    ["Via Garibaldi 14, piano terra, 34125 Trieste TS"],
    ["Strada Provinciale snc, 00060 Sacrofano RM"],
    ["Poslovna zona bb, 10410 Velika Gorica"],
    ["1066 Budapest, Bajcsy-Zsilinszky út 40. III. em. 2."],
    ["210 E Ponce de Leon Ave, Ste 300, Decatur, GA 30030"],
    ["6722 Szeged"],
    ["Ulica bratov Babnik 4/a, 3. nadstropje, vhod desno, Ljubljana"],
    ["Calle Mayor 7, 2º A"],
    ["ul. Piotrkowska 104 lok. 7"],
    ["Dunajska cesta 21, 1000 Ljubljana (SLO)"],
    ["Hauptplatz 3, 9150 Bleiburg/Pliberk"],
    ["4206 Zgornje Jezersko"],
  ])("finds %j whole", (address) => expect(addresses(address)).toEqual([address]));

  it("leaves the Slovenian 'in' that joins a second town", () => {
    expect(addresses("Dunajska cesta 5, 1000 Ljubljana in Maribor")).toEqual(["Dunajska cesta 5, 1000 Ljubljana"]);
  });

  it("finds the street after prose words and a vCard label with an escaped line break", () => {
    expect(addresses("naslov je Pod gradom 3, 4290 Tržič.")).toEqual(["Pod gradom 3, 4290 Tržič"]);
    expect(addresses("Ab Jänner finden Sie uns in der Herrengasse 6–8, Stiege 1, 1010 Wien.")).toEqual(["Herrengasse 6–8, Stiege 1, 1010 Wien"]);
    expect(addresses('ADR;TYPE=home;LABEL="Rosenweg 7\\n53113 Bonn":;;Rosenweg 7;Bonn;;53113;Deutschland')).toEqual([
      "Rosenweg 7\\n53113 Bonn",
      "Rosenweg 7;Bonn;;53113",
    ]);
  });

  it("takes the town and postcode cells of a table that holds streets, not of other tables", () => {
    expect(addresses("ime,naslov,posta,kraj\nTina Golob,Vrtna ulica 6,8000,Novo mesto")).toEqual(["Vrtna ulica 6", "8000", "Novo mesto"]);
    expect(addresses("ime,telefon,kraj\nLuka Sever,031 456 789,Koper")).toEqual([]);
    expect(addresses("ID,Status,Naslov\n50101,Zaprt,Tiskalnik ne tiska")).toEqual([]);
    // a shop export says whose address a column holds
    expect(addresses("Order;Billing Street;Billing Zip;Billing City\n#4417;Zeppelinstraße 12;70193;Stuttgart")).toEqual(["Zeppelinstraße 12", "70193", "Stuttgart"]);
    expect(addresses("Order;Billing Zip;Billing City\n#4417;70193;Stuttgart")).toEqual([]);
  });

  it("takes a street named by a preposition and a place when a town follows it, not prose", () => {
    expect(addresses("Ob Dravi 12, Maribor")).toEqual(["Ob Dravi 12, Maribor"]);
    expect(addresses("živim Pod gradom 3 v Tržiču")).toEqual(["Pod gradom 3 v Tržiču"]);
    expect(addresses("Na strani 12 v Celju je napaka, Po 3 dneh v Kranju")).toEqual([]);
    // the flat, entrance and floor said after the town
    expect(addresses("javi na Kolodvorski ulici 2 v Sevnici, vhod B, 4. nadstropje, stan. 17. Domofon")).toEqual(["na Kolodvorski ulici 2 v Sevnici, vhod B, 4. nadstropje, stan. 17"]);
    expect(addresses("Na sestanku 5 v Ljubljani smo se dogovorili. Pri stranki 3 v Mariboru smo zamenjali disk.")).toEqual([]);
  });

  it("takes the town and postcode fields of a form whose street field holds a street", () => {
    expect(addresses("Street: 77 Lakeshore Road East\nCity: Mississauga\nProvince: ON\nPostal code: L5G 1E1")).toEqual([
      "77 Lakeshore Road East",
      "Mississauga",
      "ON",
      "L5G 1E1",
    ]);
    expect(addresses("Subject: printer\nCity: Mississauga")).toEqual([]);
    expect(addresses("Street: Suite 1400, 233 S. Wacker Drive\nCity/State/ZIP: Chicago, IL 60606")).toContain("Chicago, IL 60606");
    expect(addresses("Please deliver to Apartment 3, 18 Rue Sainte-Catherine, 33000 Bordeaux.")).toEqual(["Apartment 3, 18 Rue Sainte-Catherine, 33000 Bordeaux"]);
  });

  it("keeps a business before the address and a town in Cincinnati's name", () => {
    const found = addresses("The event is at The Grand Hotel, 97-99 King's Road, Brighton BN1 2FW.");
    expect(found).toEqual(["97-99 King's Road, Brighton BN1 2FW"]);
  });

  it("takes a village named by a prefix and a lower-case noun, in any case", () => {
    expect(addresses("Preselili smo se iz Gorenje vasi 102.")).toEqual(["iz Gorenje vasi 102"]);
    expect(addresses("Gorenja vas je lepa.")).toEqual([]);
    expect(addresses("V ulici Heroja Staneta 4 v Žalcu imamo pisarno.")).toEqual(["V ulici Heroja Staneta 4 v Žalcu"]);
    expect(addresses("v ulici je 5 hiš")).toEqual([]);
    expect(addresses("Servis je na naslovu Gorenja vas 102, 4224 Gorenja vas, odprto do 17h.")).toEqual(["Gorenja vas 102, 4224 Gorenja vas"]);
  });

  it("takes a form's state field after its street field, not a state alone", () => {
    expect(addresses("Address line 1: 39 Birch Court\nCity: Madison\nState: WI  ZIP: 53703")).toEqual(["39 Birch Court", "Madison", "WI  ZIP: 53703"]);
    expect(addresses("Subject: login\nState: WI")).toEqual([]);
  });

  it("reads an address written in capitals, not a log line in capitals", () => {
    expect(addresses("NASLOV: DUNAJSKA CESTA 5, 1000 LJUBLJANA")).toEqual(["DUNAJSKA CESTA 5, 1000 LJUBLJANA"]);
    expect(addresses("Paket pošljite na TRŽAŠKA CESTA 120, 1000 LJUBLJANA, hvala.")).toEqual(["TRŽAŠKA CESTA 120, 1000 LJUBLJANA"]);
    expect(addresses("CELOVŠKA 150\n1000 LJUBLJANA")).toEqual(["CELOVŠKA 150\n1000 LJUBLJANA"]);
    expect(addresses("ŠMARTNO PRI LITIJI 12\n1275 ŠMARTNO PRI LITIJI")).toEqual(["ŠMARTNO PRI LITIJI 12\n1275 ŠMARTNO PRI LITIJI"]);
    expect(addresses("LEN=40 TOS=0x00 PROTO=TCP SPT=51577 DPT=3389")).toEqual([]);
    expect(addresses("NUJNO: WINDOWS 11 IN OFFICE 365 NE DELATA, NA CESTI 5 MINUT")).toEqual([]);
  });

  it("takes a Slovenian street named by its adjective alone, in any case, not a title with a year", () => {
    expect(addresses("dostava na Vrtna 6, zvonec ne dela")).toEqual(["Vrtna 6"]);
    expect(addresses("Stranka stanuje na Sončni 14, ne na Gozdni.")).toEqual(["na Sončni 14"]);
    expect(addresses("Letna 2024 naročnina je plačana, Tovarna 2 stoji.")).toEqual([]);
  });

  it("keeps a quantity, a date and a sentence that only look like a street", () => {
    expect(addresses("Na cesti 5 minut stojimo, ker je zastoj.")).toEqual([]);
    expect(addresses("Cesta je zaprta do 15. 5., obvoz čez Vič.")).toEqual([]);
    expect(addresses("Naš novi naslov je Vrhpolje 23, 5271 Vipava.")).toEqual(["Vrhpolje 23, 5271 Vipava"]);
    expect(addresses("Rue de la Paix 5, 75002 Paris")).toEqual(["Rue de la Paix 5, 75002 Paris"]);
  });

  it("leaves a preposition before a street named in the nominative", () => {
    expect(addresses("Pošljite na Trg republike 3, 1000 Ljubljana.")).toEqual(["Trg republike 3, 1000 Ljubljana"]);
    expect(addresses("Sestanek bo na Glavnem trgu 14 v Domžalah.")).toEqual(["na Glavnem trgu 14 v Domžalah"]);
  });

  it("takes the town after a number-first street line or a box, without a postcode", () => {
    expect(addresses("Please send it to 12 Market Street, Galway.")).toEqual(["12 Market Street, Galway"]);
    expect(addresses("I moved to 27 Harbour View, Cobh, Co. Cork last month.")).toEqual(["27 Harbour View, Cobh, Co. Cork"]);
    expect(addresses("Our mailing address is P.O. Box 42, Ennis, Co. Clare.")).toEqual(["P.O. Box 42, Ennis, Co. Clare"]);
    expect(addresses("I live at 4 Elm Road, Thanks")).toEqual(["4 Elm Road"]);
  });

  it("reads a number's label, a letter after a slash, a town on the next line and a sentence before", () => {
    expect(addresses("Naslov: Dunajska cesta št. 5")).toEqual(["Dunajska cesta št. 5"]);
    expect(addresses("Dostava na Tržaška cesta 120/a.")).toEqual(["Tržaška cesta 120/a"]);
    expect(addresses("Janez Novak\nVrtna ulica 6\nKranj\n")).toEqual(["Vrtna ulica 6\nKranj"]);
    expect(addresses("Vrtna ulica 6\nKranj je lep")).toEqual(["Vrtna ulica 6"]);
    expect(addresses("12 Market Street\nGalway\nIreland")).toEqual(["12 Market Street\nGalway"]);
    expect(addresses("Hvala. Dunajska cesta 5, 1000 Ljubljana")).toEqual(["Dunajska cesta 5, 1000 Ljubljana"]);
    expect(addresses("Knez Mihailova 10, 11000 Beograd")).toEqual(["Knez Mihailova 10, 11000 Beograd"]);
  });

  it("takes a US rural route box, not an English sentence after the Croatian kind 'Put'", () => {
    expect(addresses("RR 2 Box 152\nPine Ridge, SD 57770")).toEqual(["RR 2 Box 152\nPine Ridge, SD 57770"]);
    expect(addresses("Put it in Box 5 on the shelf.")).toEqual([]);
    expect(addresses("Put Bokanjca 12, 23000 Zadar")).toEqual(["Put Bokanjca 12, 23000 Zadar"]);
  });
});


describe("an address is one cell of a table", () => {
  it("does not reach across tabs into the cells before it", () => {
    const row = "Vrhovnik Lucija\tIntern\tPartizanska cesta 12, Maribor\t02 250 31 08";
    expect(addresses(row)).toEqual(["Partizanska cesta 12, Maribor"]);
  });

  it("keeps the town column's cell of an address table beside its street", () => {
    const table = "Name\tEmail\tAddress\tCity\nHarry\th@example.com\t80 Mill Lane\tBristol\nAna\ta@example.si\t52 Church Street\tLeeds";
    expect(addresses(table)).toEqual(["80 Mill Lane", "Bristol", "52 Church Street", "Leeds"]);
  });
});

describe("address columns of exports", () => {
  it("takes a street column without numbers when a house-number column stands beside it", () => {
    expect(addresses("ime;priimek;ulica;hisna_st;postna_st;kraj\nMaja;Kos;Cankarjeva ulica;12;1000;Ljubljana")).toEqual(["Cankarjeva ulica", "12", "1000", "Ljubljana"]);
    expect(addresses("Name,Street,HouseNo,ZIP,City\nAna Novak,Vrtna ulica,6,4000,Kranj")).toEqual(["Vrtna ulica", "6", "4000", "Kranj"]);
    expect(addresses("Ime,Ulica,Opomba\nMaja,Cankarjeva ulica,brez številke")).toEqual([]);
  });

  it("takes a street cell with its postcode and town, and Outlook's business columns", () => {
    const csv = 'member_no,name,address\nM-0920,"Lan Čebašek","Podlubnik 158, 4220 Škofja Loka"';
    expect(addresses(csv)).toEqual(["Podlubnik 158, 4220 Škofja Loka"]);
    const outlook = "First Name,Business Street,Business City,Business Postal Code\nAndrej,Cesta Leona Dobrotinška 2,Šentjur,3230";
    expect(addresses(outlook).join(" | ")).toContain("3230");
  });
});

describe("addresses in letterheads", () => {
  it("starts the street after a separator, not at the company before it", () => {
    expect(addresses("Wessels Logistik GmbH & Co. KG · Am Holzhafen 12, 28217 Bremen")).toEqual(["Am Holzhafen 12, 28217 Bremen"]);
    expect(addresses("Kovač d.o.o. | Cesta v Gorice 8 | 1000 Ljubljana")).toEqual(["Cesta v Gorice 8 | 1000 Ljubljana"]);
  });

  it("takes a known town after the house number only where it ends the address", () => {
    expect(addresses("Ljubljanska c. 24 Domžale bo zaprta")).toEqual(["Ljubljanska c. 24"]);
  });
});

describe("what names one building, and what is no part of the address", () => {
  it("takes an Eircode alone, and a keyed value whole when a part of it was found first", () => {
    expect(addresses("Eircode D02 X285")).toEqual(["D02 X285"]);
    expect(addresses('{"address":"Main Street, Kinsale, Co. Cork P17 X662","dob":"1970-10-05"}')).toEqual(["Main Street, Kinsale, Co. Cork P17 X662"]);
  });

  it("takes a unit glued to a field's opening quote, and no job title as a building", () => {
    expect(addresses('new="Unit 5, Newhall Road, Naas, Co. Kildare W91 KX20"')).toEqual(["Unit 5, Newhall Road, Naas, Co. Kildare W91 KX20"]);
    expect(addresses("Office Manager\nFlat 2, 9 Leeson Street, Dublin 2, D02 KT31")).toEqual(["Flat 2, 9 Leeson Street, Dublin 2, D02 KT31"]);
    expect(addresses('not that one. Use "7 Sample Road, AB12 3CD" instead')).toEqual(["7 Sample Road, AB12 3CD"]);
  });

  it("reads a PostgreSQL COPY block's columns, an SQL string's street and a postal_code column", () => {
    const copy = "COPY public.clients (id, full_name, zip, city, street, dob) FROM stdin;\n7\tNagy Anna\t7621\tPécs\tKirály utca 8. 1/2\t1979-02-14\n\\.\n";
    expect(addresses(copy)).toEqual(["7621", "Pécs", "Király utca 8. 1/2"]);
    expect(detect(copy).some((d) => d.type === "DATE_OF_BIRTH" && copy.slice(d.start, d.end) === "1979-02-14")).toBe(true);
    expect(addresses("INSERT INTO naslovi VALUES (3, 78, 'stalni', 'Ob potoku 9, 1000 Ljubljana');")).toEqual(["Ob potoku 9, 1000 Ljubljana"]);
    expect(addresses("id,street,postal_code,city\n1,Koroška cesta 14,2380,Slovenj Gradec")).toEqual(["Koroška cesta 14", "2380", "Slovenj Gradec"]);
  });

  it("reads a rural Irish address without a street before its Eircode, and address lines keyed line1 and line2", () => {
    expect(addresses("Directions: Mairéad Fahy, Cloonagh, Ballymore, Co. Westmeath, N91 X2P4. Second house on the left")).toEqual(["Cloonagh, Ballymore, Co. Westmeath, N91 X2P4"]);
    expect(addresses('{"address_line1": "Unit 3B, Gortnaskehy Business Park", "address_line2": "Mallow, Co. Cork P51 K2F8"}')).toEqual(["Unit 3B, Gortnaskehy Business Park", "Mallow, Co. Cork P51 K2F8"]);
  });

  it("reads a Croatian street and town in the locative after 'u'", () => {
    expect(addresses("sada živim u Vukovarskoj 22 u Splitu. Molim")).toEqual(["u Vukovarskoj 22 u Splitu"]);
  });

  it("leaves a bracketed note after the town that is no country code", () => {
    expect(addresses("Letališka cesta 29c, 1000 Ljubljana (BTC, hall 4)")).toEqual(["Letališka cesta 29c, 1000 Ljubljana"]);
  });

  it("leaves a label without its colon before the street", () => {
    expect(addresses("Address 4/12 Smith Street, Fitzroy VIC 3065")).toEqual(["4/12 Smith Street, Fitzroy VIC 3065"]);
  });
});

describe("a map link's place", () => {
  it("takes the encoded place with a house number, not coordinates alone", () => {
    expect(addresses("https://maps.google.com/?q=Zgornja+Polskava+112,+2314+Zgornja+Polskava")).toEqual(["Zgornja+Polskava+112,+2314+Zgornja+Polskava"]);
    expect(addresses("https://www.google.com/maps/place/Letali%C5%A1ka+cesta+29c,+1000+Ljubljana/@46.0601,14.5582,17z")).toEqual(["Letali%C5%A1ka+cesta+29c,+1000+Ljubljana"]);
    expect(addresses("https://www.google.com/maps/@46.0601,14.5582,17z and https://maps.google.com/?q=46.05,14.50")).toEqual([]);
  });
  it("takes an Irish town with its Eircode after a number-first street, whole words only, and Hungarian floors and doors", () => {
    expect(addresses("the shop (9 Quay Street, Galway H91 E2K6) opens at 10")).toEqual(["9 Quay Street, Galway H91 E2K6"]);
    expect(addresses('was="3 Church Road, Tullamore, Co. Offaly R35 XH92" now')).toEqual(["3 Church Road, Tullamore, Co. Offaly R35 XH92"]);
    expect(addresses("CRM has Rákóczi út 8. fszt. 3 and Petőfi utca 4. 2. em. 6.")).toEqual(["Rákóczi út 8. fszt. 3", "Petőfi utca 4. 2. em. 6."]);
  });
});
