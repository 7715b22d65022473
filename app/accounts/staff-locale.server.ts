import type { PrismaClient } from "@prisma/client";
import { isLocale, type Locale } from "../i18n/i18n";

type Db = Pick<PrismaClient, "user">;

/** A staff member's own language: kept on their account, so every device and every email they get uses it. */
export async function saveStaffLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  if (!isLocale(locale)) throw new Error("Unknown locale");
  await db.user.update({ where: { id: userId }, data: { locale } });
}
