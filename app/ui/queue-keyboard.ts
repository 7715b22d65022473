import { useEffect } from "react";

/**
 * Keyboard use of the queue, added when JavaScript runs (everything also works without):
 * "/" focuses the search box, j/k move down/up the rows, Enter opens the current ticket,
 * x ticks its checkbox. Keys typed into a field are left alone.
 */
export function useQueueKeyboard(open: (href: string) => void) {
  useEffect(() => {
    let current = -1;
    const rows = () => Array.from(document.querySelectorAll<HTMLTableRowElement>("tr[data-ticket-row]"));
    const mark = (i: number) => {
      const list = rows();
      if (!list.length) return;
      current = Math.max(0, Math.min(list.length - 1, i));
      list.forEach((r, n) => r.classList.toggle("row-current", n === current));
      list[current]!.querySelector<HTMLAnchorElement>("a[data-ticket-link]")?.focus({ preventScroll: false });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      // The rows may have changed under the marker (the live queue reloads them, app/live/): the
      // marked row is the one with the class, wherever it is now, never an old index.
      const marked = rows().findIndex((r) => r.classList.contains("row-current"));
      current = marked;
      const target = e.target as HTMLElement | null;
      const typing = !!target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable);
      if (typing) {
        if (e.key === "Escape") target!.blur();
        return;
      }
      if (e.key === "/") {
        e.preventDefault();
        document.querySelector<HTMLInputElement>("input[data-queue-search]")?.focus();
      } else if (e.key === "j") {
        mark(current + 1);
      } else if (e.key === "k") {
        mark(current - 1);
      } else if (e.key === "x" && current >= 0) {
        rows()[current]?.querySelector<HTMLInputElement>("input[type=checkbox]")?.click();
      } else if (e.key === "Enter" && current >= 0) {
        const href = rows()[current]?.querySelector<HTMLAnchorElement>("a[data-ticket-link]")?.getAttribute("href");
        if (href) {
          e.preventDefault();
          open(href);
        }
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
}
