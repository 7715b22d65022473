import { useLocation, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "../ui/use-hydrated";
import { isOutOfDate, settleDelay } from "./live-poll";
import { useLivePoll } from "./use-live-poll";

type QueueLive = { changedAt: number | null; interval: number; countsMaxAgeMs: number };

/**
 * Keeps an open queue current: asks /live/queue whether anything in the person's teams changed
 * since the page's data was read (`loadedAt`, the server's clock), and reloads the page's data
 * (Remix revalidation: the same loader, no new document) only then. If the process that answered
 * the reload had tab counts from before the change (`countsAt`, several web processes), it reloads
 * once more when those have expired. Without JavaScript it is a plain "Refresh" link.
 */
export function LiveQueue({ loadedAt, countsAt }: { loadedAt: number; countsAt: number }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const location = useLocation();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const state = useRef({ loadedAt, busy: false, change: null as number | null, maxAge: 5_000, settle: undefined as ReturnType<typeof setTimeout> | undefined });
  const idle = navigation.state === "idle" && revalidator.state === "idle";
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    // New data arrived (a reload or a navigation): compare with its time from now on.
    const s = state.current;
    s.loadedAt = loadedAt;
    s.busy = false;
    clearTimeout(s.settle);
    if (s.change === null) return;
    const delay = settleDelay(s.change, countsAt, loadedAt, s.maxAge);
    s.change = null;
    if (delay !== null) s.settle = setTimeout(() => revalidate.current(), delay);
  }, [loadedAt, countsAt]);
  useEffect(() => {
    if (revalidator.state === "idle") state.current.busy = false;
  }, [revalidator.state]);
  useEffect(() => () => clearTimeout(state.current.settle), []);

  const { failing } = useLivePoll<QueueLive>({
    request: (signal) => fetch("/live/queue", { headers: { Accept: "application/json" }, credentials: "same-origin", signal }),
    onData: (data) => {
      const s = state.current;
      if (s.busy || !idle || !isOutOfDate(data.changedAt, s.loadedAt)) return;
      s.busy = true;
      s.change = data.changedAt;
      s.maxAge = data.countsMaxAgeMs;
      revalidator.revalidate();
    },
  });

  return (
    <p className="live-status muted" data-live-status>
      {hydrated && <span>{failing ? t("live.paused") : t("live.on")} </span>}
      <a href={location.pathname + location.search} data-live-refresh>{t("live.refresh")}</a>
    </p>
  );
}
