import type { Messages } from "./en";

/** Slovenian messages (same keys as en.ts). */
export const sl: Messages = {
  app: {
    name: "Minidesk",
    tagline: "IT podpora, ki o vas hrani čim manj osebnih podatkov",
    language: "Jezik",
    skipToContent: "Preskoči na vsebino",
    signIn: "Prijava",
    signOut: "Odjava",
    queue: "Vrsta zahtevkov",
    admin: "Skrbništvo",
    privacy: "Zasebnost",
  },
  home: {
    title: "Kako vam lahko pomagamo?",
    intro: "Odprite zahtevek za spletno stran, CRM, gostovanje ali karkoli drugega. Osebne podatke, kot so e-poštni naslovi, telefonske številke, bančni računi in gesla, odstranimo, preden karkoli shranimo.",
    newTicket: "Odpri nov zahtevek",
    myLinks: "Pošljite mi povezave do mojih zahtevkov",
    staff: "Prijava za osebje",
  },
  login: {
    title: "Prijava za osebje",
    email: "E-pošta",
    password: "Geslo",
    submit: "Prijava",
    invalid: "E-pošta ali geslo ni pravilno.",
    tooMany: "Preveč poskusov. Poskusite znova čez {{minutes}} min.",
  },
  setup: {
    title: "Nastavitev Minideska",
    intro: "Izberite račun skrbnika. Ta povezava deluje enkrat.",
    name: "Vaše ime",
    email: "E-pošta",
    password: "Geslo (vsaj 12 znakov)",
    submit: "Ustvari skrbnika",
    invalidLink: "Ta povezava za nastavitev ni več veljavna.",
  },
  errors: {
    notFound: "Te strani nismo našli.",
    forbidden: "Do te strani nimate dostopa.",
    generic: "Prišlo je do napake. Nič od poslanega se ni izgubilo; poskusite znova.",
    required: "Izpolnite to polje.",
    email: "Vnesite veljaven e-poštni naslov.",
    tooLong: "Predolgo (največ {{max}} znakov).",
    csrf: "Obrazec je potekel. Osvežite stran in poskusite znova.",
  },
};
