import { useLocation, useNavigation, useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { loader as rootLoader } from "../root";
import { useHydrated } from "../ui/use-hydrated";
import { TYPING_IDLE_MS, ownState, splitPresence, type Other, type OwnState } from "./live-poll";
import { useLivePoll } from "./use-live-poll";

type TicketLive = { changedAt: number; interval: number; others: Other[] };

const REPLY_BOX = 'textarea[name="body"]';

function replyBox(): HTMLTextAreaElement | null {
  return document.querySelector<HTMLTextAreaElement>(REPLY_BOX);
}

/**
 * Keeps an open ticket page current and says who else is on it. Each heartbeat (a POST to
 * /live/tickets/:id with the CSRF token) says whether this person is viewing or writing a reply
 * (a keystroke in the reply box in the last few seconds) and answers with the ticket's last change
 * and the other staff on it. A change reloads the page's data, unless the person has a draft in
 * the reply box: then a notice offers to show the changes, and the draft is put back afterwards.
 * Sending the reply or leaving the page clears "writing" at once. Without JavaScript: a
 * "Refresh" link.
 */
export function LiveTicket({ ticketId, updatedAt }: { ticketId: string; updatedAt: string }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const location = useLocation();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const csrf = useRouteLoaderData<typeof rootLoader>("root")?.csrfToken ?? "";
  const [others, setOthers] = useState<Other[]>([]);
  const [changed, setChanged] = useState(false);
  const loaded = Date.parse(updatedAt);
  const ref = useRef({ lastKeyAt: null as number | null, sent: "viewing" as OwnState, draft: null as string | null, loaded, busy: false });
  const idle = navigation.state === "idle" && revalidator.state === "idle";

  const current = useCallback((): OwnState => ownState(ref.current.lastKeyAt, Date.now(), (replyBox()?.value.trim() ?? "") !== ""), []);
  const url = `/live/tickets/${encodeURIComponent(ticketId)}`;

  const reload = useCallback(() => {
    const box = replyBox();
    ref.current.draft = box && box.value.trim() !== "" ? box.value : null;
    ref.current.busy = true;
    setChanged(false);
    revalidator.revalidate();
  }, [revalidator]);

  const { failing, poke } = useLivePoll<TicketLive>({
    request: async (signal) => {
      const state = current();
      ref.current.sent = state;
      const res = await fetch(url, {
        method: "POST", credentials: "same-origin", headers: { Accept: "application/json" }, signal,
        body: new URLSearchParams({ csrf, state }),
      });
      // Gone from this person's view (moved to another team, erased): the page's own loader says so.
      if (res.status === 404 && !ref.current.busy) reload();
      return res;
    },
    onData: (data) => {
      setOthers(data.others);
      const s = ref.current;
      if (s.busy || !idle || !(data.changedAt > s.loaded)) return;
      // A reload would empty the reply box and take its focus away: with a draft, or the cursor
      // in it, the person decides when.
      const box = replyBox();
      if (box && (box.value.trim() !== "" || document.activeElement === box)) setChanged(true);
      else reload();
    },
  });

  // New data: compare with it from now on, and put a kept draft back in the (new, empty) box.
  useEffect(() => {
    ref.current.loaded = loaded;
    ref.current.busy = false;
    setChanged(false);
    const draft = ref.current.draft;
    ref.current.draft = null;
    const box = replyBox();
    if (draft && box && box.value === "") box.value = draft;
  }, [loaded]);
  useEffect(() => {
    if (revalidator.state === "idle") ref.current.busy = false;
  }, [revalidator.state]);

  // Typing: the first keystroke says so at once (debounced); going quiet says so when it lapses.
  useEffect(() => {
    let debounce: ReturnType<typeof setTimeout> | undefined;
    let lapse: ReturnType<typeof setTimeout> | undefined;
    const sendIfChanged = () => {
      if (current() !== ref.current.sent) poke();
    };
    const onInput = (e: Event) => {
      if (!(e.target instanceof HTMLTextAreaElement) || !e.target.matches(REPLY_BOX)) return;
      ref.current.lastKeyAt = Date.now();
      clearTimeout(debounce);
      debounce = setTimeout(sendIfChanged, 300);
      clearTimeout(lapse);
      lapse = setTimeout(sendIfChanged, TYPING_IDLE_MS + 50);
    };
    const onSubmit = (e: Event) => {
      if (!(e.target instanceof HTMLFormElement) || !e.target.querySelector(REPLY_BOX)) return;
      ref.current.lastKeyAt = null;
      clearTimeout(lapse);
      setTimeout(sendIfChanged, 0);
    };
    // Leaving: a beacon still goes out while the page unloads (a form body carries the CSRF token).
    const leave = () => navigator.sendBeacon?.(url, new URLSearchParams({ csrf, state: "left" }));
    document.addEventListener("input", onInput);
    document.addEventListener("submit", onSubmit);
    window.addEventListener("pagehide", leave);
    return () => {
      clearTimeout(debounce);
      clearTimeout(lapse);
      document.removeEventListener("input", onInput);
      document.removeEventListener("submit", onSubmit);
      window.removeEventListener("pagehide", leave);
      leave(); // another page of the app (a client-side navigation)
    };
  }, [url, csrf, current, poke]);

  const { writing, viewing } = splitPresence(others);
  return (
    <div className="live-ticket">
      <div role="status" aria-live="polite" data-live-presence>
        {writing.length > 0 && <p className="alert warn" data-live-writing>{t("live.writing", { names: writing.join(", ") })}</p>}
        {viewing.length > 0 && <p className="alert info" data-live-viewing>{t("live.viewing", { names: viewing.join(", ") })}</p>}
      </div>
      {changed && (
        <p className="alert info" data-live-changed>
          {t("live.changed")} <button type="button" className="secondary" onClick={reload}>{t("live.showChanges")}</button>
        </p>
      )}
      <p className="live-status muted" data-live-status>
        {hydrated && <span>{failing ? t("live.paused") : t("live.on")} </span>}
        <a href={location.pathname + location.search} data-live-refresh>{t("live.refresh")}</a>
      </p>
    </div>
  );
}
