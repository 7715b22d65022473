import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "../../app/db.server";
import { ticketScope, type StaffUser } from "../../app/auth/guards.server";
import { allowedTransitions } from "../../app/tickets/ticket-actions.server";
import { loadTicketPage } from "../../app/tickets/ticket-view.server";

/**
 * The ticket page's data (loadTicketPage, hand-written SQL) against a plain reading of the same
 * rules through Prisma's query builder (how the page read them before, issue #7), on this database:
 * the same JSON, key for key, for people in and out of the ticket's team.
 */

const db = () => getDb();

function countsByType(findings: { type: string; count: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.type] = (out[f.type] ?? 0) + f.count;
  return out;
}

/** The page as Prisma's query builder reads it. */
async function readWithPrisma(db: Db, user: StaffUser, ticketId: string, now: Date) {
  if (user.role !== "ADMIN" && user.teamIds.length === 0) return null;
  const ticket = await db.ticket.findFirst({
    where: { AND: [{ id: ticketId }, ticketScope(user)] },
    include: {
      requester: { select: { name: true, email: true, company: true, locale: true } },
      team: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      messages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: {
          author: { select: { name: true } },
          findings: { select: { type: true, count: true } },
          attachments: {
            select: {
              id: true, fileName: true, mediaType: true, size: true, status: true, reason: true, storageKey: true,
              findings: { select: { type: true, count: true } },
            },
          },
        },
      },
      findings: { where: { source: "SUBJECT" }, select: { type: true, count: true } },
      auditEvents: { orderBy: { createdAt: "desc" }, take: 100, include: { actor: { select: { name: true } } } },
      followUps: { orderBy: { dueAt: "asc" } },
    },
  });
  if (!ticket) return null;
  const [mergedInto, staff, categories, teams, cannedReplies] = await Promise.all([
    ticket.mergedIntoId ? db.ticket.findFirst({ where: { AND: [{ id: ticket.mergedIntoId }, ticketScope(user)] }, select: { id: true, reference: true } }) : null,
    db.user.findMany({
      where: { active: true, role: { in: ["TECHNICIAN", "ADMIN"] }, OR: [{ teams: { some: { teamId: ticket.teamId } } }, { role: "ADMIN" }] },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.category.findMany({ where: { active: true }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { slug: true, nameEn: true, nameSl: true } }),
    db.team.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    db.cannedReply.findMany({ orderBy: [{ title: "asc" }, { id: "asc" }], select: { id: true, title: true, body: true } }),
  ]);
  const { accessCipher, accessExpiresAt, messages, findings, auditEvents, ...rest } = ticket;
  return {
    ticket: {
      ...rest,
      subjectRedactions: countsByType(findings),
      hasAccessDetails: !!accessCipher && (!accessExpiresAt || accessExpiresAt > now),
      accessExpiresAt,
      mayViewAccessDetails: user.teamIds.includes(ticket.teamId),
    },
    mergedInto,
    messages: messages.map(({ findings: mf, attachments, mailMessageId: _m, redactionReport: _r, ...m }) => ({
      ...m,
      redactions: countsByType(mf),
      attachments: attachments.map(({ storageKey, findings: af, ...a }) => ({ ...a, viewable: !!storageKey && a.status === "STORED", redactions: countsByType(af) })),
    })),
    history: auditEvents.map((e) => ({ id: e.id, action: e.action, actorKind: e.actorKind, actor: e.actor?.name ?? null, details: e.details, createdAt: e.createdAt })),
    transitions: allowedTransitions(ticket.status),
    staff,
    categories,
    teams,
    cannedReplies,
  };
}

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 8, 0) + minutes * 60_000);
let seq = 0;
const reference = () => `MD-2026-${String(900_000 + ++seq)}`;

describe("the ticket page", () => {
  let teamA: string;
  let teamB: string;
  let techA: StaffUser, techB: StaffUser, techBoth: StaffUser, admin: StaffUser, teamless: StaffUser;
  const tickets: Record<string, string> = {};
  const now = at(10_000);

  beforeAll(async () => {
    teamA = (await db().team.create({ data: { slug: "page-a", name: "Page team A" } })).id;
    teamB = (await db().team.create({ data: { slug: "page-b", name: "Page team B" } })).id;
    await db().category.createMany({
      data: [
        { slug: "page-late", nameEn: "Late", nameSl: "Pozno", teamId: teamA, position: 90 },
        { slug: "page-early", nameEn: "Early", nameSl: "Zgodaj", teamId: teamB, position: -5 },
        { slug: "page-gone", nameEn: "Gone", nameSl: "Ni več", teamId: teamA, position: 1, active: false },
      ],
    });
    const mkUser = async (email: string, name: string, role: string, teamIds: string[], active = true): Promise<StaffUser> => {
      const u = await db().user.create({ data: { email, name, role, active, teams: { create: teamIds.map((teamId) => ({ teamId })) } } });
      return { id: u.id, email, name, role: role as StaffUser["role"], teamIds };
    };
    techA = await mkUser("a@page.test", "Zala A", "TECHNICIAN", [teamA]);
    techB = await mkUser("b@page.test", "Bine B", "TECHNICIAN", [teamB]);
    techBoth = await mkUser("both@page.test", "Ana Both", "TECHNICIAN", [teamA, teamB]);
    admin = await mkUser("admin@page.test", "Marko Admin", "ADMIN", []);
    teamless = await mkUser("none@page.test", "Nik Nobody", "TECHNICIAN", []);
    await mkUser("gone@page.test", "Gregor Gone", "TECHNICIAN", [teamA], false);
    await mkUser("client@page.test", "Klara Client", "CLIENT", [teamA]);
    await db().cannedReply.createMany({ data: [{ title: "Thanks", body: "Thank you." }, { title: "Restart", body: "Please restart.", locale: "sl" }] });
    const requester = await db().requester.create({ data: { email: "jana@page.test", name: "Jana", company: "Podjetje d.o.o.", locale: "sl" } });

    const mkTicket = (teamId: string, extra: Record<string, unknown> = {}) =>
      db().ticket.create({ data: { reference: reference(), subject: "Tiskalnik [EMAIL]", channel: "EMAIL", teamId, createdAt: at(0), ...extra } });
    const elsewhere = await mkTicket(teamB, { status: "OPEN" });
    const sameTeam = await mkTicket(teamA);
    const full = await mkTicket(teamA, {
      status: "PENDING", priority: "HIGH", categorySlug: "page-late", requesterId: requester.id, assigneeId: techA.id, mergedIntoId: elsewhere.id,
      firstResponseAt: at(5), lastClientAt: at(3), accessCipher: "v1:cipher", accessExpiresAt: at(20_000),
      legalHoldUntil: at(50_000), legalHoldReason: "Court order", legalHoldById: admin.id,
    });
    const merged = await mkTicket(teamA, { status: "CLOSED", closedAt: at(7), resolvedAt: at(6), mergedIntoId: sameTeam.id, accessCipher: "v1:old", accessExpiresAt: at(1) });
    Object.assign(tickets, { elsewhere: elsewhere.id, sameTeam: sameTeam.id, full: full.id, merged: merged.id });

    // A thread with authors (one since deleted), redaction findings on the subject, the
    // messages and their attachments (types repeated, so counts add up), attachments stored,
    // withheld and refused, and one on the ticket itself without a message (not shown).
    const gone = await db().user.create({ data: { email: "left@page.test", name: "Left", role: "TECHNICIAN" } });
    const m1 = await db().message.create({ data: { ticketId: full.id, kind: "REPLY", direction: "IN", body: "Ne tiska. [PHONE]", createdAt: at(1), mailMessageId: "<m1@page.test>", redactionReport: "{}" } });
    const m2 = await db().message.create({ data: { ticketId: full.id, kind: "REPLY", direction: "OUT", authorUserId: techA.id, body: "Poskusite znova.", createdAt: at(5) } });
    const m3 = await db().message.create({ data: { ticketId: full.id, kind: "NOTE", direction: "INTERNAL", authorUserId: gone.id, body: "Interno.", createdAt: at(5) } });
    await db().user.delete({ where: { id: gone.id } });
    await db().message.create({ data: { ticketId: full.id, kind: "SYSTEM", direction: "INTERNAL", body: "Merged.", createdAt: at(9) } });
    await db().message.create({ data: { ticketId: elsewhere.id, kind: "REPLY", direction: "IN", body: "Other ticket", createdAt: at(2) } });
    const a1 = await db().attachment.create({ data: { ticketId: full.id, messageId: m1.id, storageKey: "a/1.png", fileName: "zaslon.png", mediaType: "image/png", size: 2048, status: "STORED" } });
    const a2 = await db().attachment.create({ data: { ticketId: full.id, messageId: m1.id, fileName: "racun.pdf", mediaType: "application/pdf", size: 99_000, status: "WITHHELD", reason: "OCR_UNCERTAIN" } });
    await db().attachment.create({ data: { ticketId: full.id, messageId: m2.id, storageKey: "a/3.exe", fileName: "setup.exe", mediaType: "application/octet-stream", size: 5, status: "REFUSED", reason: "TYPE" } });
    await db().attachment.create({ data: { ticketId: full.id, fileName: "loose.txt", mediaType: "text/plain", size: 1, status: "STORED", storageKey: "a/4.txt" } });
    await db().redactionFinding.createMany({
      data: [
        { ticketId: full.id, source: "SUBJECT", type: "EMAIL", count: 1 },
        { ticketId: full.id, source: "SUBJECT", type: "NAME", count: 2 },
        { ticketId: full.id, source: "SUBJECT", type: "EMAIL", count: 3 },
        { ticketId: full.id, messageId: m1.id, source: "TEXT", type: "PHONE", count: 1 },
        { ticketId: full.id, messageId: m1.id, source: "TEXT", type: "IBAN", count: 1 },
        { ticketId: full.id, messageId: m1.id, source: "TEXT", type: "PHONE", count: 2 },
        { ticketId: full.id, messageId: m3.id, source: "TEXT", type: "PASSWORD", count: 1 },
        { ticketId: full.id, messageId: m1.id, attachmentId: a1.id, source: "IMAGE", type: "EMAIL", count: 4 },
        { ticketId: full.id, messageId: m1.id, attachmentId: a2.id, source: "FILENAME", type: "NAME", count: 1 },
        { ticketId: elsewhere.id, source: "SUBJECT", type: "PHONE", count: 7 },
      ],
    });
    // More history than the page shows (it shows the newest 100), with and without a person.
    await db().auditEvent.createMany({
      data: Array.from({ length: 104 }, (_, i) => ({
        ticketId: full.id, actorUserId: i % 3 === 0 ? techA.id : null, actorKind: i % 3 === 0 ? "USER" : i % 3 === 1 ? "CLIENT" : "SYSTEM",
        action: `ticket.step${i}`, details: JSON.stringify({ i }), createdAt: at(i),
      })),
    });
    await db().followUp.createMany({
      data: [
        { ticketId: full.id, createdById: techA.id, description: "Nov obrazec", target: "WEB", url: "https://example.si", deployedAt: at(4), dueAt: at(3000), status: "SCHEDULED" },
        { ticketId: full.id, description: "CRM", target: "CRM", deployedAt: at(2), dueAt: at(100), status: "DUE", clientOutcome: "WORKS", remindersSent: 2, resolvedAt: at(150) },
      ],
    });
  });

  it("reads the same as Prisma's query builder, for every person, in and out of the ticket's team", async () => {
    const people = { techA, techB, techBoth, admin, teamless };
    let seen = 0;
    for (const [who, user] of Object.entries(people)) {
      for (const [which, id] of Object.entries(tickets)) {
        const page = await loadTicketPage(db(), user, id, now);
        const expected = await readWithPrisma(db(), user, id, now);
        // JSON, as the loader sends it: the same keys in the same order, dates as the same text.
        expect(JSON.stringify(page, null, 1), `${who} on ${which}`).toBe(JSON.stringify(expected, null, 1));
        if (page) seen++;
      }
    }
    expect(seen).toBe(12); // techA 3, techB 1, techBoth 4, admin 4, the technician in no team none
  });

  it("shows the full ticket as the page needs it", async () => {
    const page = (await loadTicketPage(db(), techA, tickets.full!, now))!;
    expect(page.ticket.subjectRedactions).toEqual({ EMAIL: 4, NAME: 2 });
    // An attachment's findings carry its message too (persist-attachments), so they count there as well.
    expect(page.messages.map((m) => m.redactions)).toEqual([{ PHONE: 3, IBAN: 1, EMAIL: 4, NAME: 1 }, {}, { PASSWORD: 1 }, {}]);
    expect(page.messages[0]!.attachments.map((a) => [a.fileName, a.viewable, a.redactions])).toEqual([
      ["zaslon.png", true, { EMAIL: 4 }], ["racun.pdf", false, { NAME: 1 }],
    ]);
    expect(page.messages[1]!.attachments.map((a) => [a.fileName, a.viewable])).toEqual([["setup.exe", false]]);
    expect(page.messages.map((m) => m.author?.name ?? null)).toEqual([null, "Zala A", null, null]);
    expect(page.history).toHaveLength(100);
    expect(page.history[0]!.action).toBe("ticket.step103");
    expect(page.ticket.followUps.map((f) => f.description)).toEqual(["CRM", "Nov obrazec"]);
    expect(page.ticket.hasAccessDetails).toBe(true);
    expect(page.ticket.mayViewAccessDetails).toBe(true);
    // Merged into another team's ticket: techA may not even learn its reference.
    expect(page.mergedInto).toBeNull();
    expect((await loadTicketPage(db(), admin, tickets.full!, now))!.mergedInto?.id).toBe(tickets.elsewhere);
    expect(page.staff.map((s) => s.name)).toEqual(expect.arrayContaining(["Ana Both", "Marko Admin", "Zala A"]));
    expect(page.staff.map((s) => s.name)).not.toContain("Bine B");
    expect(page.staff.map((s) => s.name)).not.toContain("Gregor Gone");
    expect(page.staff.map((s) => s.name)).not.toContain("Klara Client");
    expect(page.categories.map((c) => c.slug)).not.toContain("page-gone");
    expect(page.categories[0]!.slug).toBe("page-early");
    expect(page.categories.at(-1)!.slug).toBe("page-late");
    expect(page.cannedReplies.map((c) => c.title)).toEqual(["Restart", "Thanks"]);
  });

  it("is null (the route's 404) outside the person's teams", async () => {
    expect(await loadTicketPage(db(), techB, tickets.full!, now)).toBeNull();
    expect(await loadTicketPage(db(), techA, tickets.elsewhere!, now)).toBeNull();
    expect(await loadTicketPage(db(), teamless, tickets.full!, now)).toBeNull();
    expect(await loadTicketPage(db(), techA, "no-such-ticket", now)).toBeNull();
  });
});
