import { convert, type FormatCallback, type HtmlToTextOptions } from "html-to-text";
import { removeUnsafeBodyCharacters } from "./unsafe-characters";

// HTML from a mail is hostile until proven otherwise. We never keep or render it: the ticket gets
// plain text, so scripts, event handlers, CSS, remote images and tracking pixels cannot survive
// by construction. What a reader needs is kept: the words, list and quote structure, and where a
// link really points (shown in brackets, which also exposes "https://bank.si" pointing elsewhere).

// Far more than any hand-written mail; newsletters above it are cut, not parsed for seconds.
export const MAX_HTML_INPUT_CHARACTERS = 2_000_000;
const MAX_HREF_CHARACTERS = 2_000;

const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

/** Visible text of a link, then its target in brackets, but only for http(s) and mailto. */
const safeAnchor: FormatCallback = (elem, walk, builder) => {
  const href = safeHref(elem.attribs?.href);
  let text = "";
  builder.pushWordTransform((word: string) => {
    text += word;
    return word;
  });
  walk(elem.children, builder);
  builder.popWordTransform();
  if (href === null) return;
  const shown = href.replace(/^mailto:/i, "");
  if (text === "") builder.addInline(shown, { noWordTransform: true });
  else if (text !== shown && text !== href) builder.addInline(` [${shown}]`, { noWordTransform: true });
};

/** Alt text only: the source is a URL that would tell the sender when the ticket was read. */
const altTextOnly: FormatCallback = (elem, _walk, builder) => {
  const alt = elem.attribs?.alt?.trim();
  if (alt) builder.addInline(alt);
};

const skip = { format: "skip" } as const;

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  formatters: { safeAnchor, altTextOnly },
  limits: { maxInputLength: MAX_HTML_INPUT_CHARACTERS, maxDepth: 200, maxChildNodes: 20_000, ellipsis: "…" },
  selectors: [
    { selector: "a", format: "safeAnchor" },
    { selector: "img", format: "altTextOnly" },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "h4", options: { uppercase: false } },
    { selector: "h5", options: { uppercase: false } },
    { selector: "h6", options: { uppercase: false } },
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    ...["script", "style", "head", "title", "noscript", "template", "iframe", "object", "embed", "svg", "math", "video", "audio", "canvas", "input", "select", "button"].map(
      (selector) => ({ selector, ...skip }),
    ),
  ],
};

export function htmlToSafeText(html: string): string {
  // Cut before converting: html-to-text would also cut, but warn on the console while doing it.
  const bounded = html.length > MAX_HTML_INPUT_CHARACTERS ? html.slice(0, MAX_HTML_INPUT_CHARACTERS) : html;
  return removeUnsafeBodyCharacters(convert(bounded, OPTIONS))
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function safeHref(raw: string | undefined): string | null {
  // Browsers ignore tabs, newlines and leading spaces in URLs ("java\tscript:"), so do we before
  // deciding; anything not plainly http(s) or mailto (javascript:, data:, vbscript:, file:) is dropped.
  const href = raw?.replace(/[\u0000-\u0020\u007F]/g, "");
  if (!href || href.length > MAX_HREF_CHARACTERS || !SAFE_LINK.test(href)) return null;
  return href;
}
