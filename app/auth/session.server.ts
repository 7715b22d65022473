import crypto from "node:crypto";
import { createCookie, createSessionStorage, redirect, type Cookie } from "@remix-run/node";
import { getDb, prismaSql, rawBoolean, rawDate } from "../db.server";
import { getConfig } from "../config.server";
import { getSecrets } from "../secrets.server";
import { hashToken } from "./tokens.server";

/**
 * Staff sessions live in the database (not a cookie, not process memory), so several
 * web processes share them and a sign-out or deactivation ends them at once.
 * The cookie holds only a signed random id (192 bits); the table keeps its SHA-256, like every
 * other token (tokens.server.ts), so a copy of the database or a backup signs nobody in.
 */
const SESSION_DAYS = 7;

function isSecureSite() {
  return getConfig().PUBLIC_URL.startsWith("https://");
}

type SessionData = { userId: string };
let storage: ReturnType<typeof createSessionStorage<SessionData>> | undefined;
let cookie: Cookie | undefined;

export function getSessionStorage() {
  if (storage) return storage;
  cookie = createCookie("md_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecureSite(),
    path: "/",
    secrets: [getSecrets().sessionSecret],
    maxAge: SESSION_DAYS * 24 * 3600,
  });
  storage = createSessionStorage<SessionData>({
    cookie,
    async createData(data, expires) {
      const userId = typeof data.userId === "string" ? data.userId : undefined;
      if (!userId) throw new Error("A session needs a user");
      const id = crypto.randomBytes(24).toString("base64url");
      await getDb().session.create({
        data: { id: hashToken(id), userId, data: JSON.stringify(data), expiresAt: expires ?? new Date(Date.now() + SESSION_DAYS * 864e5) },
      });
      return id;
    },
    async readData(id) {
      const row = await getDb().session.findUnique({ where: { id: hashToken(id) } });
      if (!row || row.expiresAt < new Date()) return null;
      return JSON.parse(row.data);
    },
    async updateData(id, data, expires) {
      await getDb().session.updateMany({
        where: { id: hashToken(id) },
        data: { data: JSON.stringify(data), ...(expires ? { expiresAt: expires } : {}) },
      });
    },
    async deleteData(id) {
      await getDb().session.deleteMany({ where: { id: hashToken(id) } });
    },
  });
  return storage;
}

export function resetSessionStorageForTests() {
  storage = undefined;
  cookie = undefined;
}

/**
 * The signed-in staff member behind the request's session cookie, with their teams, in one
 * query: the same rule as getSession + readData (a signed cookie holding the id of a
 * session row that has not expired), without reading the session's data separately.
 * Hand-written SQL, one row per team: every staff page runs this, and through Prisma's query
 * builder it was three compiled statements costing several times the lookup itself
 * (docs/decisions/014-queue-under-load.md).
 */
export async function findSessionUser(request: Request) {
  getSessionStorage();
  const id: unknown = await cookie!.parse(request.headers.get("Cookie"));
  if (typeof id !== "string" || !id) return null;
  const sql = prismaSql();
  const rows = await getDb().$queryRaw<SessionUserRow[]>(sql.sql`
    SELECT s."expiresAt" AS "expiresAt", u."id" AS id, u."email" AS email, u."name" AS name, u."role" AS role,
           u."active" AS active, u."canViewReports" AS "canViewReports", u."totpEnabledAt" AS "totpEnabledAt", u."locale" AS locale, m."teamId" AS "teamId"
      FROM "Session" s
      JOIN "User" u ON u."id" = s."userId"
      LEFT JOIN "TeamMember" m ON m."userId" = u."id"
     WHERE s."id" = ${hashToken(id)}`);
  const row = rows[0];
  if (!row || rawDate(row.expiresAt) < new Date()) return null;
  return {
    id: row.id, email: row.email, name: row.name, role: row.role,
    active: rawBoolean(row.active), canViewReports: rawBoolean(row.canViewReports), twoFactor: row.totpEnabledAt !== null,
    locale: row.locale,
    teams: rows.flatMap((r) => (r.teamId === null ? [] : [{ teamId: r.teamId }])),
  };
}

type SessionUserRow = {
  expiresAt: Date | string; id: string; email: string; name: string; role: string;
  active: boolean | number; canViewReports: boolean | number; totpEnabledAt: Date | string | null; locale: string | null; teamId: string | null;
};

export async function getSession(request: Request) {
  return getSessionStorage().getSession(request.headers.get("Cookie"));
}

/** Starts a session for a user and redirects; the old session id is never reused (fixation). */
export async function createUserSession(userId: string, redirectTo: string) {
  const s = getSessionStorage();
  const session = await s.getSession();
  session.set("userId", userId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await s.commitSession(session) } });
}

export async function destroyUserSession(request: Request) {
  const s = getSessionStorage();
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await s.destroySession(session) } });
}
