import { describe, expect, it } from "vitest";
import { detect } from "../../detect";

const persons = (text: string) => detect(text).filter((d) => d.type === "PERSON").map((d) => text.slice(d.start, d.end));

describe("names by their place in mail headers and chats", () => {
  it("takes a header's whole display name, weak names and hyphenated given names too", () => {
    expect(persons("To: Frank Ellis; June Carter")).toEqual(["Frank Ellis", "June Carter"]);
    expect(persons('From: "Schneider, Klaus-Dieter" <kd.schneider@schneider-bau.de>')).toEqual(["Schneider, Klaus-Dieter"]);
  });

  it("leaves mailbox and product display names", () => {
    for (const text of ["From: Microsoft Outlook <no-reply@microsoft.com>", "From: Accounts Payable <ap@x.com>", "To: Sales Team", "From: Google Calendar <calendar@google.com>"]) {
      expect(persons(text), text).toEqual([]);
    }
  });

  it("reads a name typed without the diacritics its list has, but not South Slavic ones", () => {
    expect(persons("Laszlo: my hungarian account is ready\nMaja: thanks, saved")).toEqual(["Laszlo", "Maja"]);
    expect(persons("M365 Business Basic licence")).toEqual([]);
  });

  it("takes given names that are words as speakers in a chat with other speakers", () => {
    expect(persons("Grant: can you grant me access?\nEva: sure, which email?")).toEqual(["Grant", "Eva"]);
    expect(persons("Nick: is the backup normal?\nJure: yes\nNick: ok")).toEqual(["Nick", "Jure", "Nick"]);
    expect(persons("Rok: 15. 12. 2026\nOpomba: plačano")).toEqual([]);
  });

  it("takes a Slack or Teams speaker header with a time that ends its line", () => {
    expect(persons("Mark Twyman  10:32 AM\ncan someone reset my MFA?")).toEqual(["Mark Twyman"]);
    expect(persons("Windows Update 10:32 AM")).toEqual([]);
  });
});

describe("names in the person fields of exports", () => {
  it("takes labelled person fields and role columns the gazetteer knows", () => {
    expect(persons("Assignee: Sanna Virtanen\nReported by: Ewa Kowalczyk")).toEqual(["Sanna Virtanen", "Ewa Kowalczyk"]);
    expect(persons("Speaker,Talk,Slot\nRosa Jiménez,Design tokens,11:00")).toEqual(["Rosa Jiménez"]);
    expect(persons("Date,Amount,Payee\n01/12/2026,45.00,A KAUR")).toEqual(["A KAUR"]);
    expect(persons("Date,Amount,Payee\n01/12/2026,120.00,PETROL D.D.\n02/12/2026,45.00,AMAZON EU")).toEqual([]);
    expect(persons("Author: Microsoft Corporation\nAssignee: Finance Team")).toEqual([]);
  });

  it("finds chat mentions, an initial with a surname after a sign-off, and a name under 'Hvala in lp'", () => {
    expect(persons("@Sophie the cert expires Friday")).toEqual(["Sophie"]);
    expect(persons("@Uroš Petek lahko pogledaš?")).toEqual(["Uroš Petek"]);
    expect(persons("write to ana@Example.com or @Office")).toEqual([]);
    expect(persons("Thanks,\nH. Lindqvist\nSent from my iPhone")).toEqual(["H. Lindqvist"]);
    expect(persons("Hvala in lp\nLuka")).toEqual(["Luka"]);
  });

  it("knows a hyphenated given name in running text by its parts, in any case, not a firm's two names", () => {
    expect(persons("Ask Marie-Claire Dubois for the key.")).toEqual(["Marie-Claire Dubois"]);
    expect(persons("Prevzel je Jean-Luc Moreau iz pariške pisarne.")).toEqual(["Jean-Luc Moreau"]);
    expect(persons("Pisal sem Ani-Mariji Kovač in še nisem dobil odgovora.")).toEqual(["Ani-Mariji Kovač"]);
    expect(persons("The Harley-Davidson parked outside is new.")).toEqual([]);
  });

  it("takes a surname after a courtesy title even when it is also a weekday, and a name with particles or an initial", () => {
    expect(persons("Spoštovana ga. Petek, pošiljamo ponudbo.")).toEqual(["Petek"]);
    expect(persons("Please forward it to Mrs. van der Berg in accounts.")).toEqual(["van der Berg"]);
    expect(persons("Lp, Gregor K.")).toEqual(["Gregor K."]);
    expect(persons("Kontakt: Marija Kos D.O.O.")).toEqual(["Marija Kos"]);
    expect(persons("Owner: Mark T.\nClosed by: Ana Novak")).toEqual(["Mark T.", "Ana Novak"]);
  });

  it("takes a card holder column written in capitals with an initial", () => {
    expect(persons("cardholder,amount\nJ SMITH,45.00\nR BROWN,12.50")).toEqual(["J SMITH", "R BROWN"]);
    expect(persons("status,amount\nOPEN,45.00")).toEqual([]);
  });

  it("takes a name line above an address line, a given name that is also a word with a surname no list knows", () => {
    expect(persons("Omar Haddad\n45 King Fahd Road\nAl Olaya, Riyadh 12214")).toEqual(["Omar Haddad"]);
    expect(persons("Windows Update\n12 Elm Road")).toEqual([]);
  });

  it("leaves a known town after a preposition of place and a firm named like a surname in its case forms", () => {
    expect(persons("Our offices are in Austin, the warehouse near Denver.")).toEqual([]);
    expect(persons("Pri Hoferju smo kupili dva monitorja.")).toEqual([]);
    expect(persons("Yesterday Austin called about the laptop.")).toEqual(["Austin"]);
  });

  it("takes whom the writer spoke with or asks for, known to the gazetteer or not, and Irish names with their particle", () => {
    expect(persons("I spoke to Thandiwe Mokoena yesterday about the CRM.")).toEqual(["Thandiwe Mokoena"]);
    expect(persons("Včeraj sem govorila z Mojco Zupan o gostovanju.")).toEqual(["Mojco Zupan"]);
    expect(persons("I called Support and spoke to Microsoft Teams.")).toEqual([]);
    expect(persons("I expect compensation. Regards, Maeve Ó Conaill")).toEqual(["Maeve Ó Conaill"]);
  });

  it("takes chat speakers in IRC brackets and in Markdown bold before the time, and a name before its department", () => {
    expect(persons("<Darja> anyone knows why Alexa keeps ordering toner?\n<Klemen Bregar> it's not Alexa")).toEqual(["Darja", "Klemen Bregar"]);
    expect(persons("**Primož Lah** (Teams, 11:02)\nA je kdo videl ključ?\n**Robert Kaučič** (Teams, 11:05)\nje v predalu")).toEqual(["Primož Lah", "Robert Kaučič"]);
    expect(persons("**Opomba** (verzija 2.1)\n**Status** 10:00")).toEqual([]);
    expect(persons("Quick heads-up: Barbara from reception moved to our Kranj branch.")).toEqual(["Barbara"]);
    expect(persons("Prosim, da Kos iz računovodstva potrdi zapis.")).toEqual(["Kos"]);
    expect(persons("The Report from IT is due.")).toEqual([]);
  });

  it("takes a given name that is also a word before a thing a person has, and the first name of a list after a colon", () => {
    expect(persons("The 2FA secret stays on Tom's phone.")).toEqual(["Tom"]);
    expect(persons("Will's Pizza is open late.")).toEqual([]);
    expect(persons("Our shop staff are: Tina (mornings), Marko (afternoons).")).toEqual(["Tina", "Marko"]);
  });

  it("takes the sender of a meeting chat saved to a file and a given name after 'call'", () => {
    expect(persons("[Zoom chat] 10:33 From Mateja to Everyone: yes, we're recording")).toEqual(["Mateja"]);
    expect(persons('<a href="tel:+38612345678">Call Marko</a>')).toEqual(["Marko"]);
    expect(persons("Call Support or call Microsoft.")).toEqual([]);
  });
});


describe("a month that is also a given name", () => {
  it("is a month in a date, a name elsewhere", () => {
    expect(persons("New tenant from 1 Jan 2027, member since May 2019.")).toEqual([]);
    expect(persons("Author: Primož Rupnik <primoz@example.si>\nDate:   Fri Mar 7 14:02:51 2025 +0100")).toEqual(["Primož Rupnik"]);
    expect(persons("Please ask Jan about the invoice.")).toEqual(["Jan"]);
  });
});

describe("names in JSON and XML records", () => {
  it("takes a name key's capitalised value, not a firm or a lower-case value", () => {
    expect(persons('{"buyer":{"first":"Tanja","last":"Grum"},"paid":"2026-12-01"}')).toEqual(["Tanja", "Grum"]);
    expect(persons("<FirstName>Hannes</FirstName>\n<LastName>Wimmer</LastName>")).toEqual(["Hannes", "Wimmer"]);
    expect(persons('{"name":"Kovač Transport d.o.o.","username":"admin","last":"never"}')).toEqual([]);
  });
});

describe("chats between a named speaker and a role", () => {
  it("takes a lower-case speaker who talks with support, and a speaker with a role in parentheses", () => {
    const chat = "anja: helo, the cash register pc doesn't log in\nsupport: which user?\nanja: blagajna, the normal one";
    expect(persons(chat)).toEqual(["anja", "anja"]);
    const roles = "Marko (tech): Did you get the reset email?\nHelen (client): no, nothing.";
    expect(persons(roles)).toEqual(["Marko", "Helen"]);
  });

  it("leaves labels of a form that talk with no one", () => {
    expect(persons("rok: 5. 12. 2026\nsupport: tier 2")).toEqual([]);
  });
});

describe("names typed in lower case by a writer who types names so", () => {
  it("takes the other lower-case given names of a chat whose speakers are lower-case names", () => {
    const chat = "[10:01] ana: who's handling the loyalty page?\n[10:02] gregor: not me, i think mia or benjamin\n[10:03] ana: ok, ask zoran";
    expect(persons(chat)).toEqual(expect.arrayContaining(["mia", "benjamin", "zoran"]));
  });

  it("takes a lower-case speaker before a Slack time", () => {
    expect(persons("mojca 08:33  first the dentist, then the lawyer\nmojca 08:36  parking is on the left")).toEqual(["mojca", "mojca"]);
  });

  it("leaves lower-case names and case forms in a text whose names are capitalised", () => {
    expect(persons("Ana: i think mia said so\nGregor: ok")).not.toContain("mia");
    expect(persons("[10:01] ana: evo, tukaj je\n[10:02] gregor: hvala")).not.toContain("evo");
  });
});

describe("streets and schools named after people", () => {
  it("leaves the names in a street's or a school's name, and a street given by its possessive", () => {
    expect(persons('Why is "Trg Leona Štuklja" not found? The parser treats "Ulica Jožeta Jame" as a name.')).toEqual([]);
    expect(persons("He will park behind the building on Cankarjeva, there is a Prešernova cesta in every town.")).toEqual([]);
  });

  it("still takes the person beside them", () => {
    expect(persons("He will park on Cankarjeva, his name is Dejan Petek.")).toEqual(["Dejan Petek"]);
  });
});

describe("names in single quotes and before their employer", () => {
  it("takes a name in single quotes, and a full name before a comma and the firm it works for", () => {
    expect(persons("sssd[812]: User 'Tadej Oblak' not found in group 'GRP-Sales-LJ'")).toEqual(["Tadej Oblak"]);
    expect(persons("Version 17.0. Thanks, Maja Hočevar, Krka Tours d.o.o.")).toEqual(["Maja Hočevar"]);
  });

  it("still reads a name before its legal form as the firm's", () => {
    expect(persons("Račun izda Novak d.o.o., Ljubljana.")).toEqual([]);
  });
});

describe("names in directories, calendars and German forms", () => {
  it("takes LDAP's and iCalendar's common names, not a service account", () => {
    expect(persons("exclude = cn=Maja Oblak,ou=Racunovodstvo,dc=zupan,dc=local\nbind_dn = cn=svc-sync,ou=Service,dc=zupan")).toEqual(["Maja Oblak"]);
    expect(persons("ORGANIZER;CN=Bojan Kralj:mailto:bojan@example.si")).toEqual(["Bojan Kralj"]);
  });

  it("takes the name after German and Croatian form labels", () => {
    expect(persons("Versicherungsnehmer: Gruber, Ingrid").join(" ")).toContain("Gruber");
    expect(persons("Ime i prezime: Ivana Horvat")).toEqual(["Ivana Horvat"]);
  });
});

describe("a street's possessive named elsewhere in the text", () => {
  it("leaves it alone in quotes when the text names it a street", () => {
    expect(persons('Q: Why does searching "Prešernova" give 40 results?\nA: There is a Prešernova cesta in almost every town.')).toEqual([]);
  });
});

describe("chats whose speakers' names are also words", () => {
  it("takes given names that are also words when they take turns, in capitals or lower case", () => {
    const capitals = "Rok: kdaj je rok za oddajo ponudbe?\nVid: do 14. 3. mislim.\nJasna: cena bo jutri\nVid: ok, za Lek je ponudba že šla";
    expect(persons(capitals)).toEqual(expect.arrayContaining(["Rok", "Vid", "Jasna"]));
    const lower = "rok: deploy ne gre čez\nklemen: ta token je potekel\nrok: ok sorry";
    expect(persons(lower)).toEqual(["rok", "klemen", "rok"]);
  });

  it("leaves a form whose labels are such words, each once", () => {
    expect(persons("Rok: 5. 12. 2026\nVid: slab\nStatus: odprto")).toEqual([]);
  });
});

describe("a chat whose other speaker is labelled with a full name", () => {
  it("takes the lower-case speaker who talks with 'Anže Pirc:'", () => {
    const chat = "maja: izgubila sem telefon\nAnže Pirc: imaš rezervne kode?\nmaja: ja imam list";
    expect(persons(chat)).toEqual(["maja", "Anže Pirc", "maja"]);
  });
});

describe("list items opened by lower-case names", () => {
  it("takes the lower-case given names of a handover whose items two of them open", () => {
    const handover = "handover fri -> mon\n- printer jammed again, sabina knows the trick\n- dejan promised a new toner\n- jure still sick, his tickets → nina";
    expect(persons(handover)).toEqual(["sabina", "dejan", "jure", "nina"]);
  });

  it("leaves a list that one such item opens", () => {
    expect(persons("- nina is the new queue\n- the printer jammed")).toEqual([]);
  });
});

describe("a word that is also a name before a full name", () => {
  it("leaves a button's 'Edit' out of 'Edit Barbara Kovačič', and keeps 'Rok Kos' whole", () => {
    expect(persons("Edit Barbara Kovačič 05 270 22 14")).toEqual(["Barbara Kovačič"]);
    expect(persons("Včeraj sem govoril z njim, Rok Kos je rekel, da pride.")).toEqual(["Rok Kos"]);
  });
});

describe("names never cross a table's cells", () => {
  it("takes the name cell of a mail list row, not the folder before it nor the subject after it", () => {
    expect(persons("Koš\tPolona Šuštar\tRe: Zamenjava tiskalnika v\tVčeraj")).toEqual(["Polona Šuštar"]);
  });
});

describe("a card's label and value rows are no table header", () => {
  it("takes the name after 'ime', not the labels under it", () => {
    expect(persons("user\tsustar.ana@guest.arnes.si\nime\tAna Šuštar\nnaslov\tKoroška cesta 51\ntelefon\t040 176 818")).toEqual(["Ana Šuštar"]);
  });

  it("still reads a table whose header names a name column", () => {
    expect(persons("ime\tpriimek\ttelefon\nAna\tŠuštar\t040 176 818")).toEqual(["Ana", "Šuštar"]);
  });
});

describe("names under more form labels, in Slack's export, and not across aligned cells", () => {
  it("takes the value of a child's, a forename's and an accompanying person's label", () => {
    expect(persons("Second child (optional): Isla Pettigrew")).toEqual(["Isla Pettigrew"]);
    expect(persons("Surname: O'Sullivan          Forename(s): Ciara Bríd")).toEqual(["O'Sullivan", "Ciara Bríd"]);
    expect(persons("Accompanying: Marloes de Vries, born 11-09-1960")).toEqual(["Marloes de Vries"]);
    expect(persons("Guest: WiFi Network")).toEqual([]);
  });

  it("takes a speaker in one pair of asterisks before the time", () => {
    expect(persons("*Tilen* 08:55\ncan someone add me\n*Gašper* 08:58\ndone")).toEqual(["Tilen", "Gašper"]);
  });

  it("leaves the cells of an aligned activity log", () => {
    expect(persons("2024-11-13 09:00  Meeting      Location: Ulica Staneta Žagarja 27, Kranj")).toEqual([]);
  });
});

describe("a display name with the surname first, mid-line", () => {
  it("takes it before the address, not a role's", () => {
    expect(persons('2024-11-12 14:03  Email sent   To: "Hribar, Matej" <matej.hribar@t-2.net>  Subject: Ponudba')).toEqual(["Hribar, Matej"]);
    expect(persons('Email sent To: "Support, IT" <it@example.si>')).toEqual([]);
  });
});

describe("a name alone on the message's last line", () => {
  it("signs the message, even a given name that is also a word", () => {
    expect(persons("The backup ran at 02:00 and finished fine.\n\nWill")).toEqual(["Will"]);
    expect(persons("Hvala za pomoč pri tiskalniku.\nVid")).toEqual(["Vid"]);
  });
  it("not a word ending a list, nor a name word in the middle of the text", () => {
    expect(persons("Colours we tried:\nblue,\nRose")).toEqual([]);
    expect(persons("The new status of the job is:\nWill")).toEqual([]);
  });
});

describe("more person labels of forms", () => {
  it("takes the whole name after applicant, guardian, insured and travel-companion labels", () => {
    expect(persons("Vlagatelj: Tamara Ferlež (mati)")).toEqual(["Tamara Ferlež"]);
    expect(persons("Travelling with: Cian Brennan (DOB 12/12/1982)")).toEqual(["Cian Brennan"]);
    expect(persons("Skrbnik: Ivo Rupar")).toEqual(["Ivo Rupar"]);
  });
  it("reads the name columns of a table aligned with blanks, and no NULL of a dump as a name", () => {
    expect(persons("Ime            Priimek      Kraj\nTonček         Ravnik       Radovljica\nMilena         Jenko        Bled")).toEqual(["Tonček", "Ravnik", "Milena", "Jenko"]);
    expect(persons("INSERT INTO c (id, first_name, last_name) VALUES\n(1, NULL, NULL),\n(2, 'Alja', 'Mežnar');")).toEqual(["Alja", "Mežnar"]);
  });
});


describe("names that open a line, Irish surnames and who typed a thing", () => {
  it("takes a given name before a bracket, a dash or an arrow at a sentence start, not a product's word", () => {
    expect(persons("Works now. Rebecca (rebecca.h@example.com)")).toEqual(["Rebecca"]);
    expect(persons("Predaja — Jernej → Teja")).toEqual(["Jernej", "Teja"]);
    expect(persons('listek: "Damjan — rojstni dan v petek"')).toEqual(["Damjan"]);
    for (const text of ["Office (365) — licence", "Word (docx) files", "Windows → Settings"]) expect(persons(text), text).toEqual([]);
  });

  it("reads an Irish surname's particle with the name, not alone", () => {
    expect(persons("thanks to Orla Ní Bhriain and Seán Ó Conghaile")).toEqual(["Orla Ní Bhriain", "Seán Ó Conghaile"]);
    expect(persons("Ó Conghaile said no. The Mac Mini is slow.")).toEqual([]);
  });

  it("takes the given name of who typed, wrote or set up a thing, not a firm", () => {
    expect(persons("Label (typed by Aoife):")).toEqual(["Aoife"]);
    expect(persons("set up by Microsoft last year")).toEqual([]);
  });
});

describe("logins made of a person's names, and nicknames in quotes", () => {
  it("takes a given.surname login under a user key or in an access log's user field, not a service account", () => {
    expect(persons('[{"user":"U04QK8Z2M","user_name":"stefan.gruber"},{"user_name":"svc.backup"}]')).toEqual(["stefan.gruber"]);
    expect(persons('81.174.133.20 - eleanor.briggs [10/Apr/2025:08:01:02 +0200] "GET / HTTP/1.1" 200\n10.0.0.1 - deploy [10/Apr/2025:08:01:03 +0200] "GET /"')).toEqual(["eleanor.briggs"]);
    expect(persons("[smtp]\nhost = smtp.example.net\nuser = dom.mrak\n<User>leitner_web</User>")).toEqual([]);
  });

  it("reads a nickname in quotes between the given name and the surname", () => {
    expect(persons('Best,\nRosalind "Roz" Whitaker\nOffice manager')).toEqual(['Rosalind "Roz" Whitaker']);
    expect(persons('open "Settings" Windows')).toEqual([]);
  });
});

describe("a dash sign-off on its own line", () => {
  it("takes a given name or a full name after an em or en dash, not a word or a hyphen's list item", () => {
    expect(persons("4) nič drugega. Mirna noč\n— Sandi")).toEqual(["Sandi"]);
    expect(persons("Thanks\n– Ana Novak")).toEqual(["Ana Novak"]);
    expect(persons("Plan:\n– Marketing\n– Office")).toEqual([]);
  });
});

describe("given names with an inner capital", () => {
  it("takes DeShawn or MacLeod after a label, not a product's camel case at a message's start", () => {
    expect(persons("Full name: DeShawn Carter\nCompany: Carter Freight LLC")).toEqual(["DeShawn Carter"]);
    expect(persons("Contact: Sarah MacLeod")).toEqual(["Sarah MacLeod"]);
    expect(persons("[09:13] client (Tanja): OfficeNet-5G, the password is elsewhere")).toEqual(["Tanja"]);
  });
});

describe("a model's edition", () => {
  it("leaves a name-like word right after a model code, not a name after a plain number", () => {
    expect(persons("asset: Ubiquiti UniFi U6 Lite, and TP-Link Archer C6 for Marko")).toEqual(["Marko"]);
  });
});
