import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { requireCsrf } from "../auth/csrf.server";
import { BodyTooLargeError, declaredTooLarge, withBodyLimit } from "./bounded-body.server";
import type { IncomingFile } from "../tickets/prepare-attachments.server";

/**
 * Reads a multipart form with files, in memory only: an original upload (which may show
 * personal data) never touches the disk; only its redacted form is ever written.
 *
 * Limits, so one request cannot exhaust memory:
 * - the whole body at most maxFiles × maxFileBytes plus room for the text: refused by its
 *   Content-Length, and counted while it streams (a chunked body has none);
 * - each file at most maxFileBytes (Remix's memory handler, maxPartSize);
 * - at most maxFiles files; text fields at most MAX_TEXT_PART_BYTES each, MAX_PARTS parts.
 * A file over a limit does not abort the parse: the rest of the form is still read, so the
 * page can show the client's text again with a clear message ("problem").
 */
export type UploadProblem = "TOO_MANY_FILES" | "FILE_TOO_LARGE";

export type UploadForm =
  | { ok: true; form: FormData; files: IncomingFile[]; problem: UploadProblem | null }
  | { ok: false; problem: "REQUEST_TOO_LARGE" };

const MAX_TEXT_PART_BYTES = 128 * 1024;
const TEXT_ALLOWANCE_BYTES = 1024 * 1024;
const MAX_PARTS = 60;

class TooManyPartsError extends Error {}

export async function parseUploadForm(
  request: Request,
  opts: { fileField: string; maxFiles: number; maxFileBytes: number },
): Promise<UploadForm> {
  const maxBody = opts.maxFiles * opts.maxFileBytes + TEXT_ALLOWANCE_BYTES;
  if (declaredTooLarge(request, maxBody)) return { ok: false, problem: "REQUEST_TOO_LARGE" };

  const fileHandler = unstable_createMemoryUploadHandler({ maxPartSize: opts.maxFileBytes });
  const textHandler = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_PART_BYTES });
  let problem: UploadProblem | null = null;
  let fileParts = 0;
  let parts = 0;
  let bodyBytes = 0;

  const drain = async (data: AsyncIterable<Uint8Array>) => {
    // The parser's part iterator has no return(): reading on discards the rest of the part.
    for await (const chunk of data) {
      bodyBytes += chunk.byteLength;
      if (bodyBytes > maxBody) throw new MaxPartSizeExceededError("body", maxBody);
    }
  };

  const handler: UploadHandler = async (part) => {
    if (++parts > MAX_PARTS) throw new TooManyPartsError();
    const isFile = typeof part.filename === "string";
    if (!isFile) return textHandler(part);
    // An empty file input still sends a part with no name and no bytes: not a file.
    if (part.name !== opts.fileField || part.filename === "") {
      await drain(part.data);
      return undefined;
    }
    if (++fileParts > opts.maxFiles) {
      problem ??= "TOO_MANY_FILES";
      await drain(part.data);
      return undefined;
    }
    try {
      return await fileHandler(part);
    } catch (err) {
      if (!(err instanceof MaxPartSizeExceededError)) throw err;
      problem ??= "FILE_TOO_LARGE";
      await drain(part.data);
      return undefined;
    }
  };

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(withBodyLimit(request, maxBody), handler);
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError || err instanceof TooManyPartsError || err instanceof BodyTooLargeError) {
      return { ok: false, problem: "REQUEST_TOO_LARGE" };
    }
    if (err instanceof TypeError) throw new Response("Expected a multipart form.", { status: 400 });
    throw err;
  }
  await requireCsrf(request, form);

  const files: IncomingFile[] = [];
  for (const value of form.getAll(opts.fileField)) {
    // A chosen file with zero bytes still goes on: the attachment policy refuses it as EMPTY.
    if (typeof value === "string") continue;
    files.push({ fileName: value.name, declaredType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  form.delete(opts.fileField);
  return { ok: true, form, files, problem };
}
