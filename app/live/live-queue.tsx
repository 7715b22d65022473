import { useLocation, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "../ui/use-hydrated";
import { isOutOfDate } from "./live-poll";
import { useLivePoll } from "./use-live-poll";

type QueueLive = { changedAt: number | null; interval: number; settleMs: number };

/**
 * Keeps an open queue current: asks /live/queue whether anything in the person's teams changed
 * since the page's data was read (`loadedAt`, the server's clock), and reloads the page's data
 * (Remix revalidation: the same loader, no new document) only then. Without JavaScript it is a
 * plain "Refresh" link.
 */
export function LiveQueue({ loadedAt }: { loadedAt: number }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const location = useLocation();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const state = useRef({ loadedAt, busy: false, settle: undefined as ReturnType<typeof setTimeout> | undefined });
  const idle = navigation.state === "idle" && revalidator.state === "idle";

  useEffect(() => {
    // New data arrived (a reload or a navigation): compare with its time from now on.
    state.current.loadedAt = loadedAt;
    state.current.busy = false;
  }, [loadedAt]);
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
      revalidator.revalidate();
      if (data.settleMs > 0) {
        // Another process may have answered with counts kept from before the change (014).
        clearTimeout(s.settle);
        s.settle = setTimeout(() => revalidator.revalidate(), data.settleMs);
      }
    },
  });

  return (
    <p className="live-status muted" data-live-status>
      {hydrated && <span>{failing ? t("live.paused") : t("live.on")} </span>}
      <a href={location.pathname + location.search} data-live-refresh>{t("live.refresh")}</a>
    </p>
  );
}
