import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { markTicketSeen } from "../notifications/ticket-seen.server";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireTechnician } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { loadTicketPage } from "../tickets/ticket-view.server";
import {
  TicketActionError, TicketNotFoundError, assignTicket, changeCategory, changePriority, changeStatus, changeTeam,
  findTicketInScope, mergeTickets, viewAccessDetails,
} from "../tickets/ticket-actions.server";
import { PRIORITIES, STATUSES } from "../tickets/queue-options";
import { forgetQueueSummaries } from "../tickets/queue.server";
import { addStaffReply } from "../tickets/replies.server";
import { useFormat } from "../ui/format-time";
import { useStaffErrors } from "../ui/field-error";
import { useTranslation } from "react-i18next";
import { FollowUpsPanel } from "../ui/follow-ups-panel";
import { companyCalendar, recordDeployedChange } from "../followups/schedule-follow-up.server";
import { recordTechnicianOutcome } from "../followups/follow-up-answers.server";
import { fromLocalParts, localParts } from "../followups/business-days";
import { pageTitle, translatedTitle } from "../ui/page-title";
import { LiveTicket } from "../live/live-ticket";
import { ScreenshotDialog } from "../ui/screenshot-dialog";

function dueOnDate(date: string, now: Date): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const tz = companyCalendar().timeZone;
  return fromLocalParts({ ...localParts(now, tz), year, month, day }, tz);
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.ticket.reference ? pageTitle(matches, data.ticket.reference) : translatedTitle(matches, "ticket.title") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireTechnician(request, context);
  const page = await loadTicketPage(getDb(), user, params.id!);
  if (!page) throw new Response("Not found", { status: 404 });
  // Opening the page is seeing its client messages: the queue stops marking it as new.
  await markTicketSeen(getDb(), user.id, params.id!);
  return json({ ...page, me: { id: user.id } });
}

const id = z.string().min(1).max(64);
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign"), assigneeId: z.string().max(64) }),
  z.object({ intent: z.literal("status"), status: z.enum(STATUSES) }),
  z.object({ intent: z.literal("priority"), priority: z.enum(PRIORITIES) }),
  z.object({ intent: z.literal("category"), category: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
  z.object({ intent: z.literal("team"), teamId: id }),
  z.object({
    intent: z.literal("reply"),
    body: z.string().trim().min(1, "writeSomething").max(50_000),
    note: z.enum(["0", "1"]).default("0"),
    then: z.enum(["keep", "PENDING", "RESOLVED", "CLOSED"]).default("keep"),
  }),
  z.object({ intent: z.literal("merge"), target: z.string().trim().regex(/^MD-\d{4}-\d{6,}$/i, "reference") }),
  z.object({ intent: z.literal("access-details") }),
  z.object({
    intent: z.literal("deployed"),
    description: z.string().trim().min(1, "describeDeployment").max(2000),
    target: z.enum(["WEB", "CRM", "HOSTING", "OTHER"]),
    url: z.union([z.literal(""), z.string().trim().url("url").max(500)]).optional(),
    dueDate: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).optional(),
  }),
  z.object({ intent: z.literal("followup-outcome"), followUpId: id, outcome: z.enum(["OK", "PROBLEM"]) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireTechnician(request);
  const db = getDb();
  const ticketId = params.id!;
  // 404 before reading the form: another team's ticket does not exist for this person.
  if (!(await findTicketInScope(db, user, ticketId))) throw new Response("Not found", { status: 404 });
  const parsed = await parseForm(request, ActionSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const input = parsed.data;
  const back = redirect(`/queue/${ticketId}`);
  try {
    switch (input.intent) {
      case "assign":
        await assignTicket(db, user, ticketId, input.assigneeId === "me" ? user.id : input.assigneeId === "none" ? null : input.assigneeId);
        return back;
      case "status":
        await changeStatus(db, user, ticketId, input.status);
        return back;
      case "priority":
        await changePriority(db, user, ticketId, input.priority);
        return back;
      case "category": {
        await changeCategory(db, user, ticketId, input.category);
        return (await findTicketInScope(db, user, ticketId)) ? back : redirect("/queue?moved=1");
      }
      case "team":
        await changeTeam(db, user, ticketId, input.teamId);
        return (await findTicketInScope(db, user, ticketId)) ? back : redirect("/queue?moved=1");
      case "reply": {
        const note = input.note === "1";
        await addStaffReply(db, ticketId, user, { body: input.body, note });
        if (!note && input.then !== "keep") {
          const current = await findTicketInScope(db, user, ticketId);
          if (current && current.status !== input.then) await changeStatus(db, user, ticketId, input.then);
        }
        return back;
      }
      case "merge": {
        const merged = await mergeTickets(db, user, ticketId, input.target);
        return redirect(`/queue/${merged.targetId}`);
      }
      case "deployed": {
        const now = new Date();
        await recordDeployedChange(db, {
          ticketId, actorUserId: user.id, description: input.description, target: input.target,
          url: input.url || undefined,
          // A chosen date keeps the time of day of the deployment, in the company's time zone.
          dueAt: input.dueDate ? dueOnDate(input.dueDate, now) : undefined,
        }, now);
        return back;
      }
      case "followup-outcome": {
        const f = await db.followUp.findFirst({ where: { id: input.followUpId, ticketId } });
        if (!f) throw new Response("Not found", { status: 404 });
        await recordTechnicianOutcome(db, f.id, { userId: user.id }, input.outcome);
        return back;
      }
      case "access-details": {
        const details = await viewAccessDetails(db, user, ticketId);
        return json({ accessDetails: details ?? "", noAccessDetails: details === null }, { headers: { "Cache-Control": "no-store" } });
      }
    }
  } catch (err) {
    if (err instanceof TicketNotFoundError) throw new Response("Not found", { status: 404 });
    if (err instanceof TicketActionError) return json({ errors: { _form: err.code } }, { status: 400 });
    throw err;
  } finally {
    // The queue's tab counts are kept a few seconds; a change made here shows at once.
    forgetQueueSummaries();
  }
}

type ActionData = { errors?: Record<string, string>; values?: Record<string, string>; accessDetails?: string; noAccessDetails?: boolean } | undefined;

function RedactionList({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  const entries = Object.entries(counts);
  if (!entries.length) return null;
  return (
    <p className="redactions" aria-label={t("ticket.removedLabel")}>
      {t("ticket.removed")} {entries.map(([type, n]) => <span key={type} className="badge redaction" data-redaction-type={type}>{`${t(`portal.types.${type}`, { defaultValue: type })} × ${n}`}</span>)}
    </p>
  );
}

/** One field changed by one small form (status, priority, category, team): works without JS. */
function SelectAction(props: { intent: string; name: string; label: string; defaultValue: string | undefined; options: { value: string; label: string }[]; button?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="row-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={props.intent} />
      <label>{props.label}
        <select name={props.name} defaultValue={props.defaultValue}>
          {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </label>
      <button type="submit" className="secondary">{props.button ?? t("staff.change")}</button>
    </Form>
  );
}

const KIND_LABEL = { IN: "ticket.kinds.IN", OUT: "ticket.kinds.OUT", INTERNAL: "ticket.kinds.INTERNAL" } as const;

export default function TicketPage() {
  const { ticket, messages, history, transitions, staff, categories, teams, cannedReplies, mergedInto, me } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData;
  const [params] = useSearchParams();
  const errors = data?.errors ?? {};
  const canned = cannedReplies.find((c) => c.id === params.get("canned"));
  const replyDefault = data?.values?.body ?? canned?.body ?? "";
  const closed = ticket.status === "CLOSED" || ticket.status === "RESOLVED";
  const { t, i18n } = useTranslation();
  const { time } = useFormat();
  const errorText = useStaffErrors();
  const categoryName = (c: { nameEn: string; nameSl?: string }) => (i18n.language === "sl" && c.nameSl ? c.nameSl : c.nameEn);

  return (
    <div>
      <p><Link to="/queue">{t("ticket.backToQueue")}</Link></p>
      <h1>
        <span className="muted">{ticket.reference}</span> {ticket.subject}
      </h1>
      <p className="actions">
        <span className={`badge ${ticket.status}`} data-ticket-status>{t(`staff.statuses.${ticket.status}`, { defaultValue: ticket.status.toLowerCase() })}</span>
        <span className={`badge ${ticket.priority}`}>{t(`staff.priorities.${ticket.priority}`, { defaultValue: ticket.priority.toLowerCase() })}</span>
        <span className="badge">{t(`staff.channels.${ticket.channel}`, { defaultValue: ticket.channel.toLowerCase() })}</span>
        {mergedInto && <span>{t("ticket.mergedInto")} <Link to={`/queue/${mergedInto.id}`}>{mergedInto.reference}</Link></span>}
      </p>
      <RedactionList counts={ticket.subjectRedactions} />
      <LiveTicket ticketId={ticket.id} updatedAt={ticket.updatedAt} />
      {errors._form && <p className="alert bad" role="alert">{errorText(errors._form, "ticket.errors")}</p>}

      <div className="layout-2">
        <div>
          <section className="thread" aria-label={t("ticket.conversation")}>
            {messages.map((m) => {
              const cls = m.kind === "SYSTEM" ? "msg system" : m.direction === "IN" ? "msg in" : m.direction === "OUT" ? "msg out" : "msg note";
              const label = m.kind === "SYSTEM" ? t("ticket.kinds.SYSTEM") : m.direction in KIND_LABEL ? t(KIND_LABEL[m.direction as keyof typeof KIND_LABEL]) : m.direction;
              return (
                <article key={m.id} className={cls} data-message-kind={m.kind} data-direction={m.direction}>
                  <header>
                    <strong>{label}{m.author ? ` · ${m.author.name}` : ""}</strong>
                    <time dateTime={m.createdAt}>{time(m.createdAt)}</time>
                  </header>
                  <div className="body">{m.body}</div>
                  <RedactionList counts={m.redactions} />
                  {m.attachments.length > 0 && (
                    <div className="shots">
                      {m.attachments.map((a) => (
                        <figure key={a.id} className="attachment">
                          {a.viewable && a.mediaType.startsWith("image/") ? (
                            <a href={`/queue/${ticket.id}/attachments/${a.id}`}><img src={`/queue/${ticket.id}/attachments/${a.id}`} alt={t("ticket.screenshotAlt", { fileName: a.fileName })} /></a>
                          ) : a.viewable ? (
                            <a href={`/queue/${ticket.id}/attachments/${a.id}`}>{a.fileName}</a>
                          ) : (
                            <span className="muted">{a.fileName} ({t(`ticket.attachmentStatus.${a.status}`, { defaultValue: a.status.toLowerCase() })}{a.reason ? `: ${t(`portal.reasons.${a.reason}`, { defaultValue: t("portal.reasons.other") })}` : ""})</span>
                          )}
                          <figcaption>
                            {t("ticket.kb", { size: Math.ceil(a.size / 1024) })}
                            <RedactionList counts={a.redactions} />
                          </figcaption>
                        </figure>
                      ))}
                    </div>
                  )}
                </article>
              );
            })}
          </section>

          <section className="panel" aria-labelledby="reply-title">
            <h2 id="reply-title">{t("ticket.answer")}</h2>
            {cannedReplies.length > 0 && (
              <Form method="get" className="toolbar">
                <label>{t("ticket.cannedReply")}
                  <select name="canned" defaultValue={canned?.id ?? ""}>
                    <option value="">{t("ticket.choose")}</option>
                    {cannedReplies.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
                  </select>
                </label>
                <button type="submit" className="secondary">{t("ticket.insert")}</button>
              </Form>
            )}
            {/* Keyed by the thread length: after a sent reply the box starts empty again. */}
            <Form method="post" className="stack" key={`${canned?.id ?? "reply"}-${messages.length}`}>
              <CsrfInput />
              <input type="hidden" name="intent" value="reply" />
              <label>{t("ticket.message")}
                <span className="hint">{t("ticket.messageHint")}</span>
                <textarea name="body" required defaultValue={replyDefault} aria-invalid={!!errors.body} />
                {errors.body && <span className="field-error">{errorText(errors.body)}</span>}
              </label>
              <label>{t("ticket.thenSet")}
                <select name="then" defaultValue="keep">
                  <option value="keep">{t("ticket.thenKeep")}</option>
                  <option value="PENDING">{t("ticket.thenPending")}</option>
                  <option value="RESOLVED">{t("ticket.thenResolved")}</option>
                  <option value="CLOSED">{t("ticket.thenClosed")}</option>
                </select>
              </label>
              <p className="actions">
                <button type="submit" name="note" value="0">{t("ticket.sendReply")}</button>
                <button type="submit" name="note" value="1" className="secondary">{t("ticket.addNote")}</button>
              </p>
            </Form>
          </section>

          <FollowUpsPanel followUps={ticket.followUps}>
            {ticket.followUps.filter((f) => !f.techOutcome && f.status !== "SCHEDULED").map((f) => (
              <Form method="post" key={f.id} className="toolbar" aria-label={t("ticket.ownCheck")}>
                <CsrfInput />
                <input type="hidden" name="intent" value="followup-outcome" />
                <input type="hidden" name="followUpId" value={f.id} />
                <span>{t("ticket.myCheckOf", { description: f.description.slice(0, 60) })}</span>
                <button type="submit" name="outcome" value="OK" className="secondary">{t("ticket.checkedWorks")}</button>
                <button type="submit" name="outcome" value="PROBLEM" className="danger">{t("ticket.problemFound")}</button>
              </Form>
            ))}
            <details>
              <summary>{t("ticket.recordDeployed")}</summary>
              <Form method="post" className="stack">
                <CsrfInput />
                <input type="hidden" name="intent" value="deployed" />
                <label>{t("ticket.whatDeployed")}<textarea name="description" required maxLength={2000} /></label>
                <label>{t("ticket.where")}<select name="target">
                  <option value="WEB">{t("ticket.targets.WEB")}</option><option value="CRM">{t("ticket.targets.CRM")}</option>
                  <option value="HOSTING">{t("ticket.targets.HOSTING")}</option><option value="OTHER">{t("ticket.targets.OTHER")}</option>
                </select></label>
                <label>{t("ticket.address")}<input type="url" name="url" placeholder="https://" /></label>
                <label>{t("ticket.checkOn")}<span className="hint">{t("ticket.checkOnHint")}</span>
                  <input type="date" name="dueDate" /></label>
                <button type="submit">{t("ticket.scheduleCheck")}</button>
              </Form>
            </details>
          </FollowUpsPanel>

          <section className="panel" aria-labelledby="history-title">
            <h2 id="history-title">{t("ticket.history")}</h2>
            <ol className="history">
              {history.map((e) => (
                <li key={e.id} data-audit-action={e.action}>
                  <time dateTime={e.createdAt}>{time(e.createdAt)}</time> <code>{e.action}</code>{" "}
                  <span className="muted">{e.actor ?? t(`staff.actorKinds.${e.actorKind}`, { defaultValue: e.actorKind.toLowerCase() })}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>

        <aside>
          <section className="panel">
            <h2>{t("ticket.requester")}</h2>
            <dl className="facts">
              <dt>{t("ticket.name")}</dt><dd>{ticket.requester?.name ?? "—"}</dd>
              <dt>{t("ticket.email")}</dt><dd>{ticket.requester?.email ?? "—"}</dd>
              <dt>{t("ticket.company")}</dt><dd>{ticket.requester?.company ?? "—"}</dd>
              <dt>{t("ticket.language")}</dt><dd>{ticket.requester?.locale ? t(`staff.languages.${ticket.requester.locale}`, { defaultValue: ticket.requester.locale }) : "—"}</dd>
              <dt>{t("ticket.opened")}</dt><dd>{time(ticket.createdAt)}</dd>
              <dt>{t("ticket.team")}</dt><dd>{ticket.team.name}</dd>
              <dt>{t("ticket.assignee")}</dt><dd data-assignee>{ticket.assignee?.name ?? t("ticket.nobodyAssigned")}</dd>
            </dl>
          </section>

          <section className="panel stack-sm">
            <h2>{t("ticket.actions")}</h2>
            {ticket.assignee?.id !== me.id && (
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="assign" />
                <button type="submit" name="assigneeId" value="me">{t("ticket.assignToMe")}</button>
              </Form>
            )}
            <Form method="post" className="row-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="assign" />
              <label>{t("ticket.assignee")}
                <select name="assigneeId" defaultValue={ticket.assignee?.id ?? "none"}>
                  <option value="none">{t("staff.nobody")}</option>
                  {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                </select>
              </label>
              <button type="submit" className="secondary">{t("ticket.assign")}</button>
            </Form>
            {transitions.length > 0 && (
              <SelectAction intent="status" name="status" label={t("ticket.status")} defaultValue={transitions[0]}
                options={transitions.map((s) => ({ value: s, label: s === "OPEN" && closed ? t("ticket.reopen") : t(`staff.statuses.${s}`) }))} />
            )}
            <SelectAction intent="priority" name="priority" label={t("ticket.priority")} defaultValue={ticket.priority}
              options={PRIORITIES.map((p) => ({ value: p, label: t(`staff.priorities.${p}`) }))} />
            <SelectAction intent="category" name="category" label={t("ticket.categoryRoutes")} defaultValue={ticket.categorySlug}
              options={categories.map((c) => ({ value: c.slug, label: categoryName(c) }))} />
            <SelectAction intent="team" name="teamId" label={t("ticket.teamLabel")} defaultValue={ticket.team.id} button={t("ticket.move")}
              options={teams.map((team) => ({ value: team.id, label: team.name }))} />
            <Form method="post" className="row-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="merge" />
              <label>{t("ticket.mergeInto")}
                <input type="text" name="target" placeholder="MD-2026-000123" defaultValue={data?.values?.target ?? ""} aria-invalid={!!errors.target} />
                {errors.target && <span className="field-error">{errorText(errors.target)}</span>}
              </label>
              <button type="submit" className="secondary">{t("ticket.merge")}</button>
            </Form>
          </section>

          {ticket.mayViewAccessDetails && (
            <section className="panel">
              <h2>{t("ticket.accessDetails")}</h2>
              {data?.accessDetails ? (
                <>
                  <pre className="secret" data-access-details>{data.accessDetails}</pre>
                  <p className="hint muted">{ticket.accessExpiresAt ? t("ticket.accessRecordedUntil", { date: time(ticket.accessExpiresAt) }) : t("ticket.accessRecorded")}</p>
                </>
              ) : ticket.hasAccessDetails && !data?.noAccessDetails ? (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="access-details" />
                  <button type="submit" className="secondary">{t("ticket.showAccess")}</button>
                  <p className="hint muted">{t("ticket.eachViewRecorded")}</p>
                </Form>
              ) : (
                <p className="muted">{t("ticket.noAccess")}</p>
              )}
            </section>
          )}
        </aside>
      </div>
      <ScreenshotDialog />
    </div>
  );
}
