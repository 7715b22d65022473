import { isBusinessDay } from "../../app/followups/business-days";
import { companyCalendar } from "../../app/followups/schedule-follow-up.server";

const DAY = 86_400_000;

/**
 * A Thursday at 13:00 UTC one to two weeks before now, whose Friday and Monday are business days:
 * a change deployed then is due on that Monday ("two business days later"), and the links of the
 * follow-up sent then are still alive now (FOLLOWUP_LINK_DAYS, 14 by default). A fixed date in a
 * test went stale: its links had expired by the time the suite ran again.
 */
export function recentDeploymentThursday(now = new Date()): { deployedAt: Date; dueMonday: Date } {
  const calendar = companyCalendar();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 13);
  const back = (new Date(today).getUTCDay() - 4 + 7) % 7; // days since the last Thursday
  for (let thursday = today - (back + 7) * DAY; ; thursday -= 7 * DAY) {
    const friday = new Date(thursday + DAY);
    const monday = new Date(thursday + 4 * DAY);
    if (isBusinessDay(friday, calendar) && isBusinessDay(monday, calendar)) return { deployedAt: new Date(thursday), dueMonday: monday };
  }
}
