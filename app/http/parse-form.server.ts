import type { z } from "zod";
import { requireCsrf } from "../auth/csrf.server";
import { BodyTooLargeError, declaredTooLarge, readBodyBounded, tooLargeResponse } from "./bounded-body.server";

export type FormResult<T> =
  | { ok: true; data: T; form: FormData }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** A size limit for plain (non-file) forms: a reply is text, not megabytes. */
const MAX_URLENCODED_BYTES = 256 * 1024;

/**
 * Reads a urlencoded form, rejects it without this browser's CSRF token (403), and
 * validates it with a zod schema. Invalid input returns the user's values so the form
 * can show them again with a message per field.
 */
export async function parseForm<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<FormResult<z.infer<S>>> {
  if (declaredTooLarge(request, MAX_URLENCODED_BYTES)) throw tooLargeResponse("The form is too large.");
  // Counted as it arrives: a chunked body has no Content-Length to check first.
  const bytes = await readBodyBounded(request, MAX_URLENCODED_BYTES).catch((err: unknown) => {
    throw err instanceof BodyTooLargeError ? tooLargeResponse("The form is too large.") : err;
  });
  const form = await new Response(new Uint8Array(bytes), { headers: { "Content-Type": request.headers.get("Content-Type") ?? "" } }).formData();
  await requireCsrf(request, form);
  return validateForm(form, schema);
}

export function validateForm<S extends z.ZodTypeAny>(form: FormData, schema: S): FormResult<z.infer<S>> {
  const values: Record<string, string> = {};
  const raw: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || k === "csrf") continue;
    values[k] = v;
    // Repeated fields (checkbox lists) become arrays.
    raw[k] = k in raw ? ([] as unknown[]).concat(raw[k], v) : v;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, form };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "_form");
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values };
}
