import type { Db } from "../db.server";
import { getConfig } from "../config.server";
import { hashPassword } from "../auth/password.server";
import { hashToken, newToken } from "../auth/tokens.server";

/** The teams and categories a new install starts with; admins change them later. */
const DEFAULT_TEAMS = [
  { slug: "it", name: "IT support" },
  { slug: "web", name: "Web & marketing" },
  { slug: "projects", name: "Project management" },
];
const DEFAULT_CATEGORIES = [
  { slug: "web", nameEn: "Web page", nameSl: "Spletna stran", team: "web", position: 1 },
  { slug: "crm", nameEn: "CRM system", nameSl: "Sistem CRM", team: "it", position: 2 },
  { slug: "hosting", nameEn: "Hosting and email", nameSl: "Gostovanje in e-pošta", team: "it", position: 3 },
  { slug: "other", nameEn: "Something else", nameSl: "Drugo", team: "it", position: 4 },
];

export async function ensureDefaults(db: Db) {
  for (const t of DEFAULT_TEAMS) {
    await db.team.upsert({ where: { slug: t.slug }, create: t, update: {} });
  }
  const teams = await db.team.findMany();
  const bySlug = new Map(teams.map((t) => [t.slug, t.id]));
  for (const c of DEFAULT_CATEGORIES) {
    const { team, ...rest } = c;
    await db.category.upsert({ where: { slug: c.slug }, create: { ...rest, teamId: bySlug.get(team)! }, update: {} });
  }
}

const defaultsReady = new WeakMap<Db, Promise<void>>();

/**
 * The defaults every entry point needs (a ticket needs a team and a category), made once per
 * process and database client. Mail intake calls it (ingestMail: the SMTP listener, the MTA pipe,
 * the webhook, and any later poller such as IMAP, since they all go through it), and so do the
 * worker and `npm run db:migrate`: a database that was migrated but never opened by `npm start`
 * must not turn every mail into a "temporary failure". A failure (no tables yet) is not kept, so
 * the next call tries again.
 */
export function ensureDefaultsOnce(db: Db): Promise<void> {
  let ready = defaultsReady.get(db);
  if (!ready) {
    ready = ensureDefaults(db);
    defaultsReady.set(db, ready);
    ready.catch(() => defaultsReady.delete(db));
  }
  return ready;
}

export type AdminBootstrap = { kind: "exists" } | { kind: "created" } | { kind: "setup-link"; url: string };

/**
 * The first start creates the administrator from ADMIN_EMAIL/ADMIN_PASSWORD, or else
 * returns a one-time setup link (valid 24 h) that lets the first person choose it.
 */
export async function ensureAdmin(db: Db, now = new Date()): Promise<AdminBootstrap> {
  const admin = await db.user.findFirst({ where: { role: "ADMIN", active: true } });
  if (admin) return { kind: "exists" };
  const c = getConfig();
  if (c.ADMIN_EMAIL && c.ADMIN_PASSWORD) {
    const teams = await db.team.findMany({ select: { id: true } });
    await db.user.create({
      data: {
        email: c.ADMIN_EMAIL.toLowerCase(),
        name: "Administrator",
        role: "ADMIN",
        passwordHash: await hashPassword(c.ADMIN_PASSWORD),
        teams: { create: teams.map((t) => ({ teamId: t.id })) },
      },
    });
    return { kind: "created" };
  }
  await db.accessToken.deleteMany({ where: { purpose: "ADMIN_SETUP" } });
  const token = newToken();
  await db.accessToken.create({
    data: { tokenHash: hashToken(token), purpose: "ADMIN_SETUP", expiresAt: new Date(now.getTime() + 24 * 3600_000) },
  });
  return { kind: "setup-link", url: `${c.PUBLIC_URL}/setup?token=${token}` };
}

/** Consumes the setup token and creates the administrator. Returns false when the link is no good. */
export async function completeSetup(
  db: Db,
  input: { token: string; name: string; email: string; password: string },
  now = new Date(),
): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const used = await tx.accessToken.updateMany({
      where: { tokenHash: hashToken(input.token), purpose: "ADMIN_SETUP", usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (used.count !== 1) return false;
    const teams = await tx.team.findMany({ select: { id: true } });
    await tx.user.create({
      data: {
        email: input.email.toLowerCase(),
        name: input.name,
        role: "ADMIN",
        passwordHash,
        teams: { create: teams.map((t) => ({ teamId: t.id })) },
      },
    });
    return true;
  });
}

export async function isSetupTokenValid(db: Db, token: string, now = new Date()) {
  const row = await db.accessToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return !!row && row.purpose === "ADMIN_SETUP" && !row.usedAt && row.expiresAt > now;
}
