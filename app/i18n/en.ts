/** English messages. Keys are grouped by page; sl.ts must have the same keys (a test checks). */
export const en = {
  app: {
    name: "Minidesk",
    tagline: "IT support that keeps as little of your personal data as it can",
    language: "Language",
    skipToContent: "Skip to content",
    signIn: "Sign in",
    signOut: "Sign out",
    queue: "Queue",
    admin: "Admin",
    privacy: "Privacy",
  },
  home: {
    title: "How can we help?",
    intro: "Open a ticket for your web page, CRM, hosting or anything else. We remove personal data such as email addresses, phone numbers, bank accounts and passwords before we store anything.",
    newTicket: "Open a new ticket",
    myLinks: "Send me the links to my tickets",
    staff: "Staff sign-in",
  },
  login: {
    title: "Staff sign-in",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    invalid: "Email or password is not right.",
    tooMany: "Too many attempts. Try again in {{minutes}} minutes.",
  },
  setup: {
    title: "Set up Minidesk",
    intro: "Choose the administrator's account. This link works once.",
    name: "Your name",
    email: "Email",
    password: "Password (at least 12 characters)",
    submit: "Create the administrator",
    invalidLink: "This setup link is not valid any more.",
  },
  errors: {
    notFound: "We could not find that page.",
    forbidden: "You do not have access to this page.",
    generic: "Something went wrong. Nothing you sent was lost; please try again.",
    required: "Please fill this in.",
    email: "Please enter a valid email address.",
    tooLong: "This is too long (at most {{max}} characters).",
    csrf: "This form has expired. Reload the page and try again.",
  },
};

export type Messages = typeof en;
