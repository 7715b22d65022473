import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback } from "react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireTechnician } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { forgetQueueSummaries, listQueue, parseQueueQuery, queueCountsComputedAt, recentCountsPerView, recentQueueFilterOptions } from "../tickets/queue.server";
import { CHANNELS, PRIORITIES, QUEUE_VIEWS, STATUSES, type QueueView } from "../tickets/queue-options";
import { bulkAssign, bulkClose } from "../tickets/ticket-actions.server";
import { useQueueKeyboard } from "../ui/queue-keyboard";
import { QueueRows } from "../ui/queue-rows";
import { translatedTitle } from "../ui/page-title";
import { useTranslation } from "react-i18next";
import { LiveQueue } from "../live/live-queue";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "queue.title") }];

const VIEW_LABELS: Record<QueueView, string> = {
  unassigned: "queue.views.unassigned", mine: "queue.views.mine", pending: "queue.views.pending", followups: "queue.views.followups",
  open: "queue.views.open", closed: "queue.views.closed", all: "queue.views.all",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireTechnician(request, context);
  const db = getDb();
  const query = parseQueueQuery(new URL(request.url).searchParams);
  const loadedAt = Date.now(); // the open page asks whether anything changed after this (app/live/)
  // Counts and menus may be a few seconds old (QUEUE_SUMMARY_MAX_AGE_MS); the list never is.
  const [page, counts, options] = await Promise.all([listQueue(db, user, query), recentCountsPerView(db, user), recentQueueFilterOptions(db, user)]);
  return json({ query, page, counts, options, me: user.id, loadedAt, countsAt: queueCountsComputedAt(user) ?? loadedAt });
}

const ids = z.union([z.string(), z.array(z.string())]).optional()
  .transform((v) => (v === undefined ? [] : ([] as string[]).concat(v)))
  .pipe(z.array(z.string().min(1).max(64)).max(200));
const BulkSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("bulk-assign"), ids, assigneeId: z.string().max(64) }),
  z.object({ intent: z.literal("bulk-close"), ids }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireTechnician(request);
  const parsed = await parseForm(request, BulkSchema);
  if (!parsed.ok) return json({ error: "queue.chooseAction" }, { status: 400 });
  const input = parsed.data;
  if (!input.ids.length) return json({ error: "queue.tickFirst" }, { status: 400 });
  const db = getDb();
  const result = input.intent === "bulk-close"
    ? await bulkClose(db, user, input.ids)
    : await bulkAssign(db, user, input.ids, input.assigneeId === "me" ? user.id : input.assigneeId === "none" ? null : input.assigneeId);
  forgetQueueSummaries();
  const back = new URL(request.url).searchParams;
  for (const k of ["index", "done", "skipped"]) back.delete(k);
  back.set("done", String(result.changed));
  back.set("skipped", String(result.skipped));
  return redirect(`/queue?${back}`);
}

export default function Queue() {
  const { query, page, counts, options, loadedAt, countsAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const open = useCallback((href: string) => navigate(href), [navigate]);
  useQueueKeyboard(open);
  const { t, i18n } = useTranslation();
  const categoryName = (c: { nameEn: string; nameSl?: string }) => (i18n.language === "sl" && c.nameSl ? c.nameSl : c.nameEn);

  const withParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    next.delete("cursor");
    next.delete("done");
    next.delete("skipped");
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, v);
    }
    const s = next.toString();
    return s ? `/queue?${s}` : "/queue";
  };
  const sortLink = (sort: "updated" | "created" | "priority", label: string) => {
    const active = query.sort === sort;
    const dir = active && query.dir === "desc" ? "asc" : "desc";
    return (
      <Link to={withParams({ sort, dir })} aria-sort={active ? (query.dir === "desc" ? "descending" : "ascending") : undefined}>
        {label}{active ? (query.dir === "desc" ? " ↓" : " ↑") : ""}
      </Link>
    );
  };
  const done = params.get("done");

  return (
    <div>
      <h1>{t("queue.title")}</h1>
      <LiveQueue loadedAt={loadedAt} countsAt={countsAt} />
      {done !== null && <p className="alert ok" role="status">{params.get("skipped") !== "0" ? t("queue.updatedSkipped", { done, skipped: params.get("skipped") }) : t("queue.updated", { done })}</p>}
      {actionData?.error && <p className="alert bad" role="alert">{t(actionData.error)}</p>}
      <nav className="tabs" aria-label={t("queue.viewsLabel")} title={t("queue.countsHint")}>
        {QUEUE_VIEWS.map((v) => (
          <Link key={v} to={withParams({ view: v, status: undefined })} aria-current={query.view === v ? "page" : undefined}>
            {t(VIEW_LABELS[v])}{counts[v] !== null && <> <span className="count" data-view-count={v}>{counts[v]}</span></>}
          </Link>
        ))}
      </nav>
      <Form method="get" className="toolbar" role="search">
        <input type="hidden" name="view" value={query.view} />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <label className="grow">{t("queue.search")} <kbd>/</kbd>
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder={t("queue.searchPlaceholder")} data-queue-search aria-keyshortcuts="/" />
        </label>
        <label>{t("queue.status")}
          <select name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("staff.any")}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`staff.statuses.${s}`)}</option>)}
          </select>
        </label>
        <label>{t("queue.priority")}
          <select name="priority" defaultValue={query.priority ?? ""}>
            <option value="">{t("staff.any")}</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{t(`staff.priorities.${p}`)}</option>)}
          </select>
        </label>
        <label>{t("queue.category")}
          <select name="category" defaultValue={query.category ?? ""}>
            <option value="">{t("staff.any")}</option>
            {options.categories.map((c) => <option key={c.slug} value={c.slug}>{categoryName(c)}</option>)}
          </select>
        </label>
        <label>{t("queue.channel")}
          <select name="channel" defaultValue={query.channel ?? ""}>
            <option value="">{t("staff.any")}</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{t(`staff.channels.${c}`)}</option>)}
          </select>
        </label>
        <label>{t("queue.assignee")}
          <select name="assigneeId" defaultValue={query.assigneeId ?? ""}>
            <option value="">{t("staff.anyone")}</option>
            <option value="none">{t("staff.nobody")}</option>
            {options.staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <button type="submit">{t("queue.filter")}</button>
        <Link className="button secondary" to={`/queue?view=${query.view}`}>{t("queue.clear")}</Link>
      </Form>
      {page.searchCapped && <p className="alert info" role="status">{t("queue.searchCapped")}</p>}

      <Form method="post" id="bulk" className="toolbar">
        <CsrfInput />
        <label>{t("queue.assignTicked")}
          <select name="assigneeId" defaultValue="me">
            <option value="me">{t("staff.me")}</option>
            <option value="none">{t("staff.nobody")}</option>
            {options.staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <button type="submit" name="intent" value="bulk-assign" className="secondary">{t("queue.assign")}</button>
        <button type="submit" name="intent" value="bulk-close" className="secondary">{t("queue.closeTicked")}</button>
        <span className="muted hint-keys"><kbd>j</kbd>/<kbd>k</kbd> {t("queue.keysMove")}, <kbd>x</kbd> {t("queue.keysTick")}, <kbd>Enter</kbd> {t("queue.keysOpen")}</span>
      </Form>

      {page.rows.length === 0 ? (
        <p className="panel muted">{t("queue.empty")}</p>
      ) : (
        <table className="queue">
          <thead>
            <tr>
              <th><span className="visually-hidden">{t("queue.select")}</span></th>
              <th>{t("queue.reference")}</th><th>{t("queue.subject")}</th><th>{t("queue.status")}</th>
              <th>{sortLink("priority", t("queue.priority"))}</th>
              <th>{t("queue.teamCategory")}</th><th>{t("queue.assignee")}</th>
              <th>{sortLink("created", t("queue.opened"))}</th>
              <th>{sortLink("updated", t("queue.updatedCol"))}</th>
            </tr>
          </thead>
          <QueueRows rows={page.rows} />
        </table>
      )}
      <nav className="pager" aria-label={t("queue.pagesLabel")}>
        {query.cursor ? <Link to={withParams({})}>{t("queue.firstPage")}</Link> : <span />}
        {page.nextCursor ? <Link to={`${withParams({})}${withParams({}).includes("?") ? "&" : "?"}cursor=${page.nextCursor}`} rel="next">{t("queue.nextPage")}</Link> : <span />}
      </nav>
    </div>
  );
}
