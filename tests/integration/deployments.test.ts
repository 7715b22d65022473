import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENDLESS, sendChunked } from "../setup/chunked-request";
import { startTestApp, TestBrowser } from "../setup/app";
import type { RunningMinidesk } from "../../app/server/services.server";
import { getDb } from "../../app/db.server";
import { getConfig } from "../../app/config.server";
import { openTicket } from "../../app/tickets/open-ticket.server";
import { addBusinessDays } from "../../app/followups/business-days";
import { companyCalendar } from "../../app/followups/schedule-follow-up.server";

process.env.ADMIN_EMAIL = "admin@firma.si";
process.env.ADMIN_PASSWORD = "admin-password-123";

let app: RunningMinidesk;
let admin: TestBrowser;
let token = "";
let githubSecret = "";
let reference = "";
let ticketId = "";
const db = getDb();

beforeAll(async () => {
  app = await startTestApp();
  admin = new TestBrowser(app.url);
  await admin.get("/login");
  await admin.post("/login", { email: "admin@firma.si", password: "admin-password-123" });
  ({ token, githubSecret } = await createIntegration("CI"));
  const opened = await openTicket(db, { channel: "WEB", requester: { email: "k@example.com", locale: "sl" }, subject: "Obrazec", body: "Prosim" });
  reference = opened.reference;
  ticketId = opened.id;
});
afterAll(async () => app?.stop());

async function createIntegration(name: string) {
  const page = await admin.get("/admin/deployments");
  expect(page.status).toBe(200);
  const res = await admin.post("/admin/deployments", { intent: "create", name });
  expect(res.status).toBe(200);
  const t = /data-testid="token">([^<]+)</.exec(res.text)?.[1];
  const s = /data-testid="github-secret">([^<]+)</.exec(res.text)?.[1];
  expect(t).toBeTruthy();
  return { token: t!, githubSecret: s! };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/deployments`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...headers },
  });

const bearer = (t = token) => ({ Authorization: `Bearer ${t}` });
const followUps = () => db.followUp.findMany({ where: { ticketId }, orderBy: { createdAt: "asc" } });

describe("POST /api/deployments", () => {
  it("finds the reference in a commit message and schedules the same follow-up as the button: due after the business days, job queued, text redacted", async () => {
    const before = new Date();
    const res = await post({ deliveryId: "run-1", commitMessage: `Fix contact form (${reference})\n\nTested by jana@example.com`, environment: "production", version: "1.4.2", url: "https://example.si/kontakt" }, bearer());
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.scheduled).toHaveLength(1);
    expect(body.scheduled[0].reference).toBe(reference);
    const [f] = await followUps();
    expect(f).toBeTruthy();
    expect(f!.description).toContain("1.4.2");
    expect(f!.description).toContain("production");
    expect(f!.url).toBe("https://example.si/kontakt");
    const expected = addBusinessDays(f!.deployedAt, getConfig().FOLLOWUP_BUSINESS_DAYS, companyCalendar());
    expect(f!.dueAt.toISOString()).toBe(expected.toISOString());
    expect(f!.dueAt.getTime() - before.getTime()).toBeGreaterThanOrEqual(2 * 86_400_000 - 1000);
    const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: getConfig().TIMEZONE }).format(f!.dueAt);
    expect(["Mon", "Tue", "Wed", "Thu", "Fri"]).toContain(weekday);
    expect(await db.job.count({ where: { kind: "followup.due", payload: { contains: f!.id } } })).toBe(1);
  });

  it("redacts the description before it is stored", async () => {
    const res = await post({ deliveryId: "run-redact", references: [reference], description: "Deployed for jana.novak@example.com", environment: "staging" }, bearer());
    expect(res.status).toBe(200);
    const all = await followUps();
    const last = all[all.length - 1]!;
    expect(last.description).not.toContain("jana.novak@example.com");
  });

  it("the same delivery again answers the same result and schedules nothing more", async () => {
    const first = await post({ deliveryId: "run-2", references: [reference], environment: "production" }, bearer());
    const firstBody = await first.json();
    const count = (await followUps()).length;
    const again = await post({ deliveryId: "run-2", references: [reference], environment: "production" }, bearer());
    expect(again.status).toBe(200);
    const againBody = await again.json();
    expect(againBody.scheduled).toEqual(firstBody.scheduled);
    expect(againBody.repeated).toBe(true);
    expect((await followUps()).length).toBe(count);
  });

  it("401 without, with a wrong or with a revoked token", async () => {
    for (const headers of [{}, bearer("nope")]) {
      const res = await post({ references: [reference], environment: "production" }, headers);
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe("unauthorized");
    }
    const other = await createIntegration("to revoke");
    expect((await post({ deliveryId: "r-1", references: [reference], environment: "p" }, bearer(other.token))).status).toBe(200);
    const page = await admin.get("/admin/deployments");
    const id = [...page.text.matchAll(/name="id" value="([^"]+)"/g)].map((m) => m[1]!);
    const row = await db.deploymentIntegration.findFirstOrThrow({ where: { name: "to revoke" } });
    expect(id).toContain(row.id);
    expect((await admin.post("/admin/deployments", { intent: "revoke", id: row.id })).status).toBe(200);
    const res = await post({ deliveryId: "r-2", references: [reference], environment: "p" }, bearer(other.token));
    expect(res.status).toBe(401);
  });

  it("a reference to a duplicate merged away schedules on the ticket it was merged into", async () => {
    const dup = await openTicket(db, { channel: "WEB", requester: { email: "k@example.com", locale: "sl" }, subject: "Obrazec (še enkrat)", body: "Prosim" });
    await db.ticket.update({ where: { id: dup.id }, data: { mergedIntoId: ticketId, status: "CLOSED" } });
    const count = (await followUps()).length;
    const res = await post({ deliveryId: "run-merged", references: [dup.reference, reference], environment: "production" }, bearer());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.scheduled.map((s: { reference: string }) => s.reference)).toEqual([reference]);
    expect(body.unknownReferences).toEqual([]);
    expect((await followUps()).length).toBe(count + 1);
    expect(await db.followUp.count({ where: { ticketId: dup.id } })).toBe(0);
  });

  it("GET is 405 with a JSON error naming POST", async () => {
    const res = await fetch(`${app.url}/api/deployments`, { headers: bearer() });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect((await res.json()).error).toBe("method-not-allowed");
  });

  it("the token is stored only hashed", async () => {
    const rows = await db.deploymentIntegration.findMany();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("404 when no reference matches a ticket, 422 for bad JSON or shape", async () => {
    const none = await post({ text: "Release without a ticket, MD-1999-999999", environment: "production" }, bearer());
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ error: "no-known-reference", message: expect.any(String) });

    // Known and unknown together: the known are scheduled, the rest listed (200, not an error).
    const mixed = await post({ deliveryId: "run-mixed", references: [reference, "MD-1999-999998"], environment: "production" }, bearer());
    expect(mixed.status).toBe(200);
    expect(await mixed.json()).toMatchObject({ outcome: "scheduled", scheduled: [expect.objectContaining({ reference })], unknownReferences: ["MD-1999-999998"] });

    // Text with no reference at all is a mistake of the caller's.
    const noRef = await post({ text: "Release 1.4.3, no ticket", environment: "production" }, bearer());
    expect(noRef.status).toBe(422);
    expect(await noRef.json()).toMatchObject({ error: "no-reference", message: expect.any(String) });

    const bad = await post("{not json", bearer());
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toBe("invalid-json");

    const shape = await post({ references: ["nope"], environment: "" }, bearer());
    expect(shape.status).toBe(422);
    const body = await shape.json();
    expect(body.error).toBe("invalid-body");
    expect(body.message).toBeTruthy();
    expect(body.issues.map((i: { path: string }) => i.path)).toContain("environment");
  });

  it("413 JSON for a body over the cap, declared by Content-Length or not", async () => {
    const res = await post({ text: "x".repeat(300 * 1024), environment: "p" }, bearer());
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: "too-large", message: expect.any(String) });

    // Chunked, no Content-Length, and it would never end: answered once the cap is passed.
    const chunked = await sendChunked(app.url, "/api/deployments", { ...bearer(), "Content-Type": "application/json" }, Buffer.from('{"environment":"p","text":"chunked '), { filler: ENDLESS });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ error: "too-large" });
    expect(chunked.bytesSentBeforeAnswer).toBeLessThan(16 * 1024 * 1024);
    expect(await db.followUp.count({ where: { ticketId, description: { contains: "chunked" } } })).toBe(0);
  });
});

describe("GitHub deployment_status webhook", () => {
  const payload = (state: string) => JSON.stringify({
    action: "created",
    deployment_status: { state, environment: "production", environment_url: "https://example.si/" },
    deployment: { sha: "abc1234def", ref: "main", environment: "production", description: `Deploy ${reference}`, payload: {} },
    repository: { full_name: "firma/web" },
  });
  const sign = (body: string, secret: string) => `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;
  const gh = (body: string, signature: string, delivery: string) =>
    post(body, { "X-GitHub-Event": "deployment_status", "X-GitHub-Delivery": delivery, "X-Hub-Signature-256": signature });

  it("a wrong signature is 401 and schedules nothing", async () => {
    const count = (await followUps()).length;
    const body = payload("success");
    for (const signature of [sign(body, "wrong-secret"), "sha256=00", sign(body + " ", githubSecret)]) {
      const res = await gh(body, signature, "gh-0");
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe("unauthorized");
    }
    expect((await followUps()).length).toBe(count);
  });

  it("a signed success schedules once per delivery; other states schedule nothing", async () => {
    const count = (await followUps()).length;
    const pending = payload("in_progress");
    const p = await gh(pending, sign(pending, githubSecret), "gh-1");
    expect(p.status).toBe(200);
    expect(await p.json()).toMatchObject({ outcome: "ignored", reason: "not-successful", state: "in_progress", message: expect.stringContaining("in_progress") });
    // Most deployments name no ticket: acknowledged, not an error GitHub would show in red.
    const plain = payload("success").replace(`Deploy ${reference}`, "Deploy the weekly release");
    const none = await gh(plain, sign(plain, githubSecret), "gh-none");
    expect(none.status).toBe(200);
    expect(await none.json()).toMatchObject({ outcome: "ignored", reason: "no-reference" });
    expect((await followUps()).length).toBe(count);

    const ok = payload("success");
    const res = await gh(ok, sign(ok, githubSecret), "gh-2");
    expect(res.status).toBe(200);
    expect((await res.json()).scheduled[0].reference).toBe(reference);
    expect((await followUps()).length).toBe(count + 1);
    const again = await gh(ok, sign(ok, githubSecret), "gh-2");
    expect(again.status).toBe(200);
    expect((await followUps()).length).toBe(count + 1);
    const last = (await followUps()).at(-1)!;
    expect(last.url).toBe("https://example.si/");
  });
});

describe("GitLab deployment event", () => {
  const event = (status: string) => ({ object_kind: "deployment", status, environment: "production", short_sha: "abc1234", ref: "main", commit_title: `Fix ${reference}`, environment_external_url: "https://example.si" });
  const gl = (body: unknown, t: string, uuid: string) => post(body, { "X-Gitlab-Token": t, "X-Gitlab-Event": "Deployment Hook", "X-Gitlab-Event-UUID": uuid });

  it("the token must match; success schedules once per event UUID", async () => {
    const count = (await followUps()).length;
    expect((await gl(event("success"), "wrong", "gl-1")).status).toBe(401);
    expect((await (await gl(event("running"), token, "gl-0")).json()).outcome).toBe("ignored");
    const res = await gl(event("success"), token, "gl-1");
    expect(res.status).toBe(200);
    expect((await gl(event("success"), token, "gl-1")).status).toBe(200);
    expect((await followUps()).length).toBe(count + 1);
  });
});
