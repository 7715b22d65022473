import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { expectLinearTime } from "../../../tests/setup/linear-time";
import { detectDatesOfBirth } from "./date-of-birth";

const births = (text: string) => detect(text).filter((d) => d.type === "DATE_OF_BIRTH").map((d) => text.slice(d.start, d.end));

describe("dates of birth after their cue", () => {
  it.each([
    ["Dat. rojstva: 03.04.1988", "03.04.1988"],
    ["roj. dat.: 03.04.1988", "03.04.1988"],
    ["rojstni dan: 12. 6. 1977", "12. 6. 1977"],
    ["Date of Birth: 14-Mar-1985", "14-Mar-1985"],
    ["DoB: 14.03.1985", "14.03.1985"],
    ["birth date: 1985/03/14", "1985/03/14"],
    ["datum rodjenja: 14.03.1985", "14.03.1985"],
    ["Datum i mjesto rođenja: 14.03.1985, Zagreb", "14.03.1985"],
    ["Datum rojstva:\n14. 3. 1985", "14. 3. 1985"],
    ["rojstni datum 19850314", "19850314"],
    ["Geb.-Datum: 05.05.1990", "05.05.1990"],
    ["Datum in kraj rojstva: 3. 9. 1995, Ptuj", "3. 9. 1995"],
  ])("finds %j", (text, date) => expect(births(text)).toEqual([date]));

  it("leaves other dates and the word 'dob'", () => {
    expect(births("Datum naročila: 14.11.2026, rok plačila 15. 12. 2026, Invoice date 14/11/2026")).toEqual([]);
    expect(births("Dob pri Domžalah, 12. 6. 1977")).toEqual([]);
    expect(births("rojstni datum\n\nSestanek 12. 6. 2026")).toEqual([]);
  });
});

describe("birth dates written with less than a full numeric date", () => {
  it.each([
    ["She was born in April 1985.", "April 1985"],
    ["rojena aprila 1985 v Kranju", "aprila 1985"],
    ["rojen 3. 4. '85", "3. 4. '85"],
    ["Ana Novak (b. 1985-04-03)", "1985-04-03"],
    ["d.o.b. 3/4/1985", "3/4/1985"],
  ])("finds %j", (text, date) => expect(births(text)).toEqual([date]));

  it("reads a 'Rojstni datum' column of a pasted table", () => {
    expect(births("Priimek,Ime,Rojstni datum,Kraj\nNovak,Janez,3.4.1985,Kranj")).toEqual(["3.4.1985"]);
  });

  it("keeps a year after a place, and 'b.' that is not followed by a full date", () => {
    expect(births("born in Leeds 1985")).toEqual(["1985"]);
    expect(births("Točka b. 2024 velja naprej; B. 1985-04-03")).toEqual([]);
  });
});

describe("birth dates in exports and forms with format hints", () => {
  it.each([
    ["Datum rojstva (dd.mm.llll): 03.04.1985", "03.04.1985"],
    ['{"firstName":"Janez","dateOfBirth":"1985-04-03"}', "1985-04-03"],
    ['{"name": "John Smith", "dob": "1985-04-03"}', "1985-04-03"],
    ["POST /api/customers name=Novak&dob=1985-04-03&city=Kranj", "1985-04-03"],
    ['"birth_date": "1985-04-03T00:00:00Z"', "1985-04-03T00:00:00Z"],
    ["DOB: 04-03-85", "04-03-85"],
    ['{"ime": "Sara Ložar", "rojstni_datum": "1988-02-11"}', "1988-02-11"],
    ["Date of birth (for the guest registration / prijava gostov): 08/19/1978", "08/19/1978"],
  ])("finds %j", (text, date) => expect(births(text)).toEqual([date]));

  it("keeps 'dob' that is no key, and a key without a full date", () => {
    expect(births("Dob pri Domžalah, 3. 4. 2024; dob.si: request at 2024-04-03; dob = 2024")).toEqual([]);
  });
});

describe("'b.' as born only after a name", () => {
  it("finds it in parentheses or after a comma, not as a list item", () => {
    expect(births("Ana Novak, b. 3 April 1985")).toEqual(["3 April 1985"]);
    expect(births("Roki: a. 1. 3. 2024, b. 1. 4. 2024")).toEqual([]);
  });
});

describe("birth years and grouped EMŠO after their cue", () => {
  it("takes a year in parentheses after r. or letnik, not a wine's or a car's letnik", () => {
    expect(births("Moj oče (r. 1952) si ne zna nastaviti prijave.")).toEqual(["1952"]);
    expect(births("Gospa Kranjc (letnik 1948) ima težave.")).toEqual(["1948"]);
    expect(births("Avto letnik 2015, vino letnik 2019.")).toEqual([]);
    expect(births("sifra;ime;dat_rojstva\n00417;Eva;23.11.1991")).toEqual(["23.11.1991"]);
  });

  it("takes an EMŠO typed in groups after its label when the checksum holds", () => {
    const emso = (text: string) => detect(text).filter((d) => d.type === "EMSO").map((d) => text.slice(d.start, d.end));
    expect(emso("EMŠO: 2911 990 50 100 9")).toEqual(["2911 990 50 100 9"]);
    expect(emso("EMŠO: 2911 990 50 100 8")).toEqual([]);
  });
});


describe("birth dates people write around their cue (dev6 shapes)", () => {
  it.each([
    ["Date of birth ..... 1 . 1 . 2001", "1 . 1 . 2001"],
    ["datum rojstva (20. 3. 2020) in naslov", "20. 3. 2020"],
    ["Rojena 23 8 1983.", "23 8 1983"],
    ['"dateOfBirth": "1981-09-14T00:00:00.000Z",', "1981-09-14T00:00:00.000Z"],
    ["applicant_dob: 29-02-1988", "29-02-1988"],
    ['validation failed field=dob value="31.2.1990"', "31.2.1990"],
    ['POST /api/register birth="12.05.1980" ip=…', "12.05.1980"],
    ["Example skipper: Ante Jurić, *1977, licence valid to 2029.", "1977"],
    ["We hired a student, Lovro, 19 (b. 2007), for the evening shift.", "2007"],
    ["Dober dan, sem Franc Kerin, letnik 1949, pa ne znam nastavit maila.", "1949"],
  ])("finds %j", (text, date) => expect(births(text)).toEqual([date]));

  it("takes a birthday's day and month, and the year given after it, but not a company's", () => {
    expect(births("Rojstni dan ima 30. junija, letnik 1968, tako da pošljite kodo prej.")).toEqual(["30. junija", "1968"]);
    expect(births("The widget shows Lucija's birthday as 16 April but she says it's the 14th.")).toEqual(["16 April"]);
    expect(births("Rojstni dan podjetja je 12. 5., takrat pošljemo kupone.")).toEqual([]);
  });

  it("takes the answer to a question that asks for the birth date", () => {
    expect(births("Agent: can you tell me your date of birth for verification?\nCustomer: 22.7.93\nAgent: thanks")).toEqual(["22.7.93"]);
    expect(births("Agent: can you tell me your date of birth?\nCustomer: order 5512 from 3.12.2026 please")).toEqual([]);
  });

  it("takes a second person's or a corrected birth date in the same sentence, not another kind of date", () => {
    expect(births("moj mož je rojen 15.02.1970, jaz 2.9.1973. Za paket rabimo oba?")).toEqual(["15.02.1970", "2.9.1973"]);
    expect(births("rojena 31. decembra 1999, v sistemu pa je 13. 12. 1999")).toEqual(["31. decembra 1999", "13. 12. 1999"]);
    expect(births("Father (born 14 March 1941, died 2 November 2026) left us.")).toEqual(["14 March 1941"]);
    expect(births("date of birth is 12 February 1959, account opened 10 February 2026.")).toEqual(["12 February 1959"]);
    expect(births("Rojstni datum je 1987-03-14, ne 14.3.2026 kot je v sistemu.")).toEqual(["1987-03-14"]);
    expect(births("the two apprentices born 2005 and 2006. Company founded 1952.")).toEqual(["2005", "2006"]);
    expect(births("rojena 1980 in 2021 smo se preselili")).toEqual(["1980"]);
  });

  it("reads Born and Geburtstag columns, and a child's date in parentheses", () => {
    expect(births("| Name | Born | Town |\n|---|---|---|\n| Klara Vidmar | 05.05.2008 | Ptuj |")).toEqual(["05.05.2008"]);
    expect(births("Name;Geburtstag;Ort\nFelix Hofbauer;12.07.1980;Gleisdorf")).toEqual(["12.07.1980"]);
    expect(births("Hčerka Ema (12. 12. 2015) in sin Tim (5. 5. 2018) bosta na taboru.")).toEqual(["12. 12. 2015", "5. 5. 2018"]);
    expect(births("Ticket (3. 12. 2026) is closed; * 2026-12-01 deployed")).toEqual([]);
  });
});

describe("a birth date written again, and birth years in columns", () => {
  const dobs = (text: string) => detect(text).filter((d) => d.type === "DATE_OF_BIRTH").map((d) => text.slice(d.start, d.end));

  it("takes the same date in another format or before its cue", () => {
    expect(dobs("she is Eva, born on the 3rd of May 1990 — the form wants the full date, so: 3 May 1990. The domain expires 21 January 2025.")).toEqual(["3rd of May 1990", "3 May 1990"]);
    expect(dobs("I tried 11/08/1975 and 1975-08-11. I was born 11 August 1975. Submitted: 2024-10-02")).toEqual(["11/08/1975", "1975-08-11", "11 August 1975"]);
    expect(dobs("34 years old (born 1990), I typed 17.8.90 as the example showed, submitted 28.11.2024.")).toEqual(["1990", "17.8.90"]);
    expect(dobs("born on 12th of feb '85 (12.02.1985)")).toEqual(["12th of feb '85", "12.02.1985"]);
  });

  it("leaves another date with the same day and month, or another year", () => {
    expect(dobs("Datum rojstva v CRM: pravilno je 17.04.1998, ne 17. 4. 2026.")).toEqual(["17.04.1998"]);
    expect(dobs("sin je rojen 2. 4. 2015, ne 4. 2. 2015, kot smo vpisali")).toEqual(["2. 4. 2015"]);
  });

  it("takes the years of a birth-year column, with quoted fields holding commas", () => {
    expect(dobs('clan_st,priimek_ime,letnik,kraj\nŠD-0112,"Dolenc, Jaka",2011,Medvode\nŠD-0113,"Hodžić Amar",2012,Vodice')).toEqual(["2011", "2012"]);
    expect(dobs('member_no,name,date_of_birth,address\nM-1,"Zala Kos",2011-03-27,"Kidričeva ulica 3, 4220 Škofja Loka"')).toEqual(["2011-03-27"]);
  });
});

describe("a birth year after a person's name and a comma", () => {
  it("takes letnik and r. after a name, not a vehicle's year", () => {
    expect(births("Zapisnik: Gregor Žnidaršič, letnik 1975, direktor. Vozni park: Iveco Daily letnik 2016.")).toEqual(["1975"]);
    expect(births("He is Franc Turk, r. 1949, and the form freezes.")).toEqual(["1949"]);
  });
});

describe("birth dates in aligned tables, year columns and beside an EMŠO", () => {
  it("reads a column of a table aligned with blanks under its header, and stops where the table ends", () => {
    const table = "#  Otrok              Rojen          Starost\n1  Filip Krajnc       2. 3. 2013      11\n2  Brina Hribernik    14. 10. 2014    9\nSkupaj 2 otroka, oddano 1. 3. 2024";
    expect(births(table)).toEqual(["2. 3. 2013", "14. 10. 2014"]);
  });

  it("takes a year where a birth-date column or a Letnica rojstva column holds one", () => {
    expect(births("Order,Date,Billing Name,Datum rojstva,Total\n#10480,2024-03-04,Metod Ribič,1960,45.00")).toEqual(["1960"]);
    expect(births("Ime in priimek,Letnica rojstva,Telefon\nMarjan Vidic,1958,041 881 223")).toEqual(["1958"]);
  });

  it("takes the date an EMŠO in the text encodes, not another date", () => {
    expect(births('"E-0147","1403987502429","14.03.1987","01.09.2019"')).toEqual(["14.03.1987"]);
  });

  it("takes the next people's birthdays in a list after a birthday, not a date after something else", () => {
    expect(births("for the birthday board: Ana is 4 May, Tom 19 September, Klemen 30 December. Go-live 3 June.")).toEqual(["4 May", "19 September", "30 December"]);
    expect(births("Ana's birthday is 4 May, release 19 September")).toEqual(["4 May"]);
  });

  it("reads the cue in other cases and abbreviated", () => {
    expect(births("za moža, Janeza Koširja, rojenega 3. marca 1958.")).toEqual(["3. marca 1958"]);
    expect(births("datum roj: 2.8.1999")).toEqual(["2.8.1999"]);
  });

  it("takes a day and a month after born, as after birthday, not a later date of something else", () => {
    expect(births("Sin je bil rojen 14. aprila, zato me ni bilo v službi.")).toEqual(["14. aprila"]);
    expect(births("she was born on 2 October, the shop opened on 3 May")).toEqual(["2 October"]);
    expect(births("born and raised in Celje; moved on 3 May")).toEqual([]);
  });

  it("reads a camelCase key, a note with digits before the colon, the Italian 'nato a … il' and a question that goes on", () => {
    expect(births('{"datumRojstva": "2013-05-09", "vpis": "2019-09-01"}')).toEqual(["2013-05-09"]);
    expect(births("Date of birth (for form M-1): 17/09/1996")).toEqual(["17/09/1996"]);
    expect(births("Marco Sancin, nato a Trieste il 04/10/1979, residente a Opicina")).toEqual(["04/10/1979"]);
    expect(births("Agent: your date of birth? I see two profiles\nClient: 21.3.2020")).toEqual(["21.3.2020"]);
  });
  it("reads a birth date column of an SQL dump and of a register headed 'Datum roj.' or 'r.', not its NULLs or other dates", () => {
    const dump = "INSERT INTO customers (id, city, dob, created) VALUES\n(9001, 'Domžale', '1970-03-22', '2024-01-02'),\n(9002, 'Jesenice', NULL, '2024-02-03');";
    expect(births(dump)).toEqual(["1970-03-22"]);
    expect(births("| Št. | Priimek in ime | Datum roj.  | Članarina |\n| 1   | Zorman Nejc    | 14.03.2010  | plačana   |")).toEqual(["14.03.2010"]);
    expect(births("Ime       Priimek    r.        Kraj\nLojze     Frelih     1951      Bohinj")).toEqual(["1951"]);
    expect(births("Cena 12 EUR, npr. 1951 in r. 1960 sta bila dobra letnika vina.")).toEqual([]);
  });
  it("takes the answer to a request for the birth date, with no question mark; not a line that answers something else", () => {
    expect(births("bot: Prosimo, vnesite datum rojstva.\nuporabnik: 9.2.81\nbot: Hvala.")).toEqual(["9.2.81"]);
    expect(births("Agent: To find the booking please enter the date of birth of the lead guest.\nGuest: 30/01/1979")).toEqual(["30/01/1979"]);
    expect(births("The date of birth field is shown in the form.\nIt was changed on 30/01/2024")).toEqual([]);
  });
  it("reads a month name with a two-digit year, and a Hungarian 'szül.'", () => {
    expect(births("Caller confirmed DOB 7 Aug 71 and the postcode")).toEqual(["7 Aug 71"]);
    expect(births("rojena 3. februarja 91, Ljubljana")).toEqual(["3. februarja 91"]);
    expect(births("Kiss Anna, szül.: 1979.11.02., Pécs")).toEqual(["1979.11.02"]);
    expect(births("Date of birth: 12 May 10:30 appointment")).toEqual([]);
  });
  it("reads birth date columns under a table's rules, in a row with a comma typed inside a cell, and a birthday column's day and month", () => {
    const mysql = "+----+-----------+------------+\n| id | name      | dob        |\n+----+-----------+------------+\n| 7  | Pia Lenard | 2006-02-11 |\n+----+-----------+------------+";
    expect(births(mysql)).toEqual(["2006-02-11"]);
    expect(births("id,note,date_of_birth\n1,moved, new card sent,1984-07-30\n2,ok,1990-01-02")).toEqual(["1984-07-30", "1990-01-02"]);
    expect(births("Name;Birthday;Joined\nNina;11/23;2021-04-01\nRok;04-Jul-77;2020-01-09")).toEqual(["11/23", "04-Jul-77"]);
  });
  it("takes the same birth date written again further on, in another shape", () => {
    const gap = " Other notes about the import follow here.".repeat(8);
    expect(births(`Date of birth: 02/08/1990.${gap} The new system wants 1990-08-02, and 1990-02-08 is someone else.`)).toEqual(["02/08/1990", "1990-08-02"]);
  });
});

describe("a birth date further on in the cue's passage", () => {
  it("takes the first full date after the cue and the dates that correct it, in the same passage", () => {
    expect(births("my DOB is wrong in the patient portal, it shows 22-Sep-1992 but it's 22-Sep-1991.")).toEqual(["22-Sep-1992", "22-Sep-1991"]);
    expect(births("Pri uvozu se datumi rojstva pretvorijo: Ivan ima v starem sistemu 07.03.1955, v novem pa 03/07/1955. Datum uvoza 2024-03-20 je pravilen.")).toEqual(["07.03.1955", "03/07/1955"]);
    expect(births("HR rabi še datume rojstva obeh novih\n[11:04] Uroš: Žiga je 02.02.95, preveri v pogodbi")).toEqual(["02.02.95"]);
  });

  it("leaves a date past a blank line, a recent year, a host name and a table's other columns", () => {
    expect(births("Date of birth field\n\nThe form went live on 03.04.1999.")).toEqual([]);
    expect(births('server "born-02" was provisioned 2019-04-12')).toEqual([]);
    expect(births("Date of birth export\nran again on 12.03.2022 without errors")).toEqual([]);
    expect(births("emp\tbirth_date\thire_date\n7\t\t2015-01-12")).toEqual([]);
  });

  it("stays linear on many cues without dates", () => {
    for (const unit of ["date of birth ", "born on x ", "datum rojstva je "]) {
      expectLinearTime(`"${unit}" repeated`, (chars) => unit.repeat(Math.floor(chars / unit.length)), detectDatesOfBirth);
    }
  }, 60_000);
});

describe("a list of birthdays under its heading", () => {
  it("takes the first date of each listed line, after one blank line too, and stops where the list does", () => {
    expect(births("Office birthday calendar (day + month only)\nAjda – 3 Jan\nHelena – 29 Feb (celebrates 1 March)\nCake budget €15. Company anniversary 12 Nov.")).toEqual(["3 Jan", "29 Feb"]);
    expect(births("Birthdays in May (check the widget!)\n\n- Sabine Hoffmann – 3 May\n- Lena (reception) – 17/05\n- Weber, Thomas – 24.05.1971")).toEqual(["3 May", "17/05", "24.05.1971"]);
  });

  it("reads no list under a vCard's birthday field or after a meeting's line", () => {
    expect(births("BDAY:1971-10-23\nREV:2025-04-02T08:11:00Z")).toEqual(["1971-10-23"]);
    expect(births("Birthday party planning\nMeeting – 12 May\nDeadline – 3 June")).toEqual([]);
  });

  it("stays linear on many headings", () => {
    const unit = "birthday list\nAna – 3 Jan\n";
    expectLinearTime("birthday lists", (chars) => unit.repeat(Math.floor(chars / unit.length)), detectDatesOfBirth);
  }, 60_000);
});
