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
import { pageTitle } from "../ui/page-title";
import { LiveQueue } from "../live/live-queue";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Queue") }];

const VIEW_LABELS: Record<QueueView, string> = {
  unassigned: "Unassigned", mine: "Mine", pending: "Waiting for client", followups: "Due follow-ups",
  open: "Open", closed: "Resolved & closed", all: "All",
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
  if (!parsed.ok) return json({ error: "Choose tickets and an action." }, { status: 400 });
  const input = parsed.data;
  if (!input.ids.length) return json({ error: "Tick at least one ticket first." }, { status: 400 });
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
      <h1>Queue</h1>
      <LiveQueue loadedAt={loadedAt} countsAt={countsAt} />
      {done !== null && <p className="alert ok" role="status">{done} ticket(s) updated{params.get("skipped") !== "0" ? `, ${params.get("skipped")} skipped` : ""}.</p>}
      {actionData?.error && <p className="alert bad" role="alert">{actionData.error}</p>}
      <nav className="tabs" aria-label="Views" title="Counts are refreshed every few seconds">
        {QUEUE_VIEWS.map((v) => (
          <Link key={v} to={withParams({ view: v, status: undefined })} aria-current={query.view === v ? "page" : undefined}>
            {VIEW_LABELS[v]}{counts[v] !== null && <> <span className="count" data-view-count={v}>{counts[v]}</span></>}
          </Link>
        ))}
      </nav>
      <Form method="get" className="toolbar" role="search">
        <input type="hidden" name="view" value={query.view} />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <label className="grow">Search <kbd>/</kbd>
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder="Words or a reference (MD-…)" data-queue-search aria-keyshortcuts="/" />
        </label>
        <label>Status
          <select name="status" defaultValue={query.status ?? ""}>
            <option value="">Any</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </label>
        <label>Priority
          <select name="priority" defaultValue={query.priority ?? ""}>
            <option value="">Any</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{p.toLowerCase()}</option>)}
          </select>
        </label>
        <label>Category
          <select name="category" defaultValue={query.category ?? ""}>
            <option value="">Any</option>
            {options.categories.map((c) => <option key={c.slug} value={c.slug}>{c.nameEn}</option>)}
          </select>
        </label>
        <label>Channel
          <select name="channel" defaultValue={query.channel ?? ""}>
            <option value="">Any</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{c.toLowerCase()}</option>)}
          </select>
        </label>
        <label>Assignee
          <select name="assigneeId" defaultValue={query.assigneeId ?? ""}>
            <option value="">Anyone</option>
            <option value="none">Nobody</option>
            {options.staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <button type="submit">Filter</button>
        <Link className="button secondary" to={`/queue?view=${query.view}`}>Clear</Link>
      </Form>
      {page.searchCapped && <p className="alert info" role="status">Many tickets match; showing the most recent matches. Add words to narrow the search.</p>}

      <Form method="post" id="bulk" className="toolbar">
        <CsrfInput />
        <label>Assign ticked to
          <select name="assigneeId" defaultValue="me">
            <option value="me">Me</option>
            <option value="none">Nobody</option>
            {options.staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <button type="submit" name="intent" value="bulk-assign" className="secondary">Assign</button>
        <button type="submit" name="intent" value="bulk-close" className="secondary">Close ticked</button>
        <span className="muted hint-keys"><kbd>j</kbd>/<kbd>k</kbd> move, <kbd>x</kbd> tick, <kbd>Enter</kbd> open</span>
      </Form>

      {page.rows.length === 0 ? (
        <p className="panel muted">No tickets here.</p>
      ) : (
        <table className="queue">
          <thead>
            <tr>
              <th><span className="visually-hidden">Select</span></th>
              <th>Reference</th><th>Subject</th><th>Status</th>
              <th>{sortLink("priority", "Priority")}</th>
              <th>Team · category</th><th>Assignee</th>
              <th>{sortLink("created", "Opened")}</th>
              <th>{sortLink("updated", "Updated")}</th>
            </tr>
          </thead>
          <QueueRows rows={page.rows} />
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        {query.cursor ? <Link to={withParams({})}>« First page</Link> : <span />}
        {page.nextCursor ? <Link to={`${withParams({})}${withParams({}).includes("?") ? "&" : "?"}cursor=${page.nextCursor}`} rel="next">Next page »</Link> : <span />}
      </nav>
    </div>
  );
}
