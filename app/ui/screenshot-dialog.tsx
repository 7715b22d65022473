import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** Thumbnails on the ticket page: a link around an image inside a message's `.shots`. */
const THUMBNAIL_LINK = ".shots a[href]";

type Shot = { href: string; alt: string; link: HTMLAnchorElement };

function screenshots(): Shot[] {
  return Array.from(document.querySelectorAll<HTMLAnchorElement>(THUMBNAIL_LINK))
    .filter((a) => a.querySelector("img"))
    .map((a) => ({ href: a.href, alt: a.querySelector("img")?.alt ?? "", link: a }));
}

/**
 * Full-size screenshots on the ticket page. Each thumbnail is a plain link to the full-size
 * (redacted) image, which is all there is without JavaScript. With it, a click or Enter on the
 * thumbnail opens a modal <dialog> instead (showModal: focus moves into it, the rest of the page
 * is inert), Esc or the close button closes it and focus returns to the thumbnail of the image
 * last shown; ← and → move between the page's screenshots. Ctrl/⌘/Shift-click and the middle
 * button still open the image in a new tab.
 */
export function ScreenshotDialog() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [shots, setShots] = useState<Shot[]>([]);
  const [index, setIndex] = useState<number | null>(null);

  useEffect(() => {
    for (const s of screenshots()) s.link.setAttribute("aria-haspopup", "dialog");
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.(THUMBNAIL_LINK);
      if (!link || !link.querySelector("img")) return;
      const all = screenshots();
      const i = all.findIndex((s) => s.link === link);
      if (i < 0) return;
      e.preventDefault();
      setShots(all);
      setIndex(i);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  });

  useEffect(() => {
    const d = dialog.current;
    if (index !== null && d && !d.open) d.showModal();
  }, [index]);

  const close = useCallback(() => dialog.current?.close(), []);
  const onClose = () => {
    const back = index !== null ? shots[index]?.link : undefined;
    setIndex(null);
    back?.focus();
  };
  const move = (step: number) => setIndex((i) => (i === null || shots.length === 0 ? i : (i + step + shots.length) % shots.length));
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (shots.length < 2) return;
    if (e.key === "ArrowRight") { e.preventDefault(); move(1); }
    if (e.key === "ArrowLeft") { e.preventDefault(); move(-1); }
  };
  const shot = index !== null ? shots[index] : undefined;

  return (
    <dialog ref={dialog} className="screenshot-dialog" aria-labelledby="screenshot-dialog-title" onClose={onClose} onKeyDown={onKeyDown}
      // A click on the backdrop (outside the dialog's box) closes it too.
      onClick={(e) => { if (e.target === dialog.current) { const r = dialog.current.getBoundingClientRect(); if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) close(); } }}
      data-screenshot-dialog>
      {shot && (
        <>
          <header>
            <h2 id="screenshot-dialog-title">{t("live.screenshot", { n: index! + 1, total: shots.length })}</h2>
            <button type="button" className="secondary" onClick={close} autoFocus data-screenshot-close>{t("live.close")}</button>
          </header>
          <img src={shot.href} alt={shot.alt} data-screenshot-full />
          <footer>
            {shots.length > 1 && (
              <>
                <button type="button" className="secondary" onClick={() => move(-1)} aria-label={t("live.previous")}>←</button>
                <button type="button" className="secondary" onClick={() => move(1)} aria-label={t("live.next")}>→</button>
              </>
            )}
            <a href={shot.href} target="_blank" rel="noreferrer">{t("live.openFull")}</a>
            <span className="muted">{t("live.keysHint")}</span>
          </footer>
        </>
      )}
    </dialog>
  );
}
