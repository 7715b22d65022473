import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../root";
import { getDb } from "../db.server";
import { requireAdmin } from "../auth/guards.server";
import { parseForm } from "../http/parse-form.server";
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from "../tickets/canned-replies.server";

const Fields = { title: z.string().trim().min(1, "Enter a title").max(120), body: z.string().trim().min(1, "Enter the text").max(10_000), locale: z.enum(["sl", "en"]) };
const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), ...Fields }),
  z.object({ intent: z.literal("update"), id: z.string().min(1).max(64), ...Fields }),
  z.object({ intent: z.literal("delete"), id: z.string().min(1).max(64) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ replies: await listCannedReplies(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = await parseForm(request, Schema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const db = getDb();
  const input = parsed.data;
  if (input.intent === "create") await createCannedReply(db, admin.id, { title: input.title, body: input.body, locale: input.locale });
  else if (input.intent === "update") await updateCannedReply(db, admin.id, input.id, { title: input.title, body: input.body, locale: input.locale });
  else await deleteCannedReply(db, admin.id, input.id);
  return json({ ok: true });
}

export default function CannedReplies() {
  const { replies } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; ok?: boolean } | undefined;
  const errors = data?.errors ?? {};
  return (
    <div>
      <h1>Canned replies</h1>
      {data?.ok && <p className="alert ok" role="status">Saved.</p>}
      {Object.keys(errors).length > 0 && <p className="alert bad" role="alert">{Object.values(errors).join(" ")}</p>}
      {replies.map((r) => (
        <Form method="post" className="stack panel" key={r.id}>
          <CsrfInput />
          <input type="hidden" name="id" value={r.id} />
          <label>Title<input type="text" name="title" defaultValue={r.title} required /></label>
          <label>Text<textarea name="body" defaultValue={r.body} required /></label>
          <label>Language<select name="locale" defaultValue={r.locale}><option value="sl">Slovenian</option><option value="en">English</option></select></label>
          <p className="actions">
            <button type="submit" name="intent" value="update">Save</button>
            <button type="submit" name="intent" value="delete" className="danger">Delete</button>
          </p>
        </Form>
      ))}
      <h2>New canned reply</h2>
      <Form method="post" className="stack panel">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>Title<input type="text" name="title" required /></label>
        <label>Text<textarea name="body" required /></label>
        <label>Language<select name="locale" defaultValue="sl"><option value="sl">Slovenian</option><option value="en">English</option></select></label>
        <button type="submit">Add</button>
      </Form>
    </div>
  );
}
