import { useCallback, useEffect, useRef, useState } from "react";
import { nextDelay } from "./live-poll";

type Options<T> = {
  /** One check: a fetch of a JSON endpoint (aborted when the page goes). */
  request: (signal: AbortSignal) => Promise<Response>;
  /** Called with each answer. */
  onData: (data: T) => void;
  /** Until the first answer names the server's interval. */
  initialIntervalMs?: number;
};

/**
 * Asks the server again and again whether the page is out of date: at once when the page opens,
 * then every `interval` the server names. Nothing is asked while the tab is hidden (a tab in the
 * background costs nothing); when it shows again it asks at once. A failure (no answer, an error
 * status, not JSON, e.g. the sign-in page after the session ended) waits twice as long each time,
 * up to a minute. `poke()` asks now (the ticket page, when the person starts or stops typing).
 */
export function useLivePoll<T extends { interval?: number }>({ request, onData, initialIntervalMs = 5_000 }: Options<T>): { failing: boolean; poke: () => void } {
  const [failing, setFailing] = useState(false);
  const latest = useRef({ request, onData });
  latest.current = { request, onData };
  const pokeRef = useRef<() => void>(() => {});

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let again = false;
    let failures = 0;
    let interval = initialIntervalMs;
    const abort = new AbortController();

    const schedule = (ms: number) => {
      clearTimeout(timer);
      if (!stopped && document.visibilityState !== "hidden") timer = setTimeout(check, ms);
    };
    async function check() {
      if (stopped || document.visibilityState === "hidden") return;
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      clearTimeout(timer);
      try {
        const res = await latest.current.request(abort.signal);
        const type = res.headers.get("Content-Type") ?? "";
        if (!res.ok || res.redirected || !type.includes("application/json")) throw new Error(`live check: ${res.status}`);
        const data = (await res.json()) as T;
        if (typeof data.interval === "number" && data.interval > 0) interval = data.interval;
        failures = 0;
        setFailing(false);
        if (!stopped) latest.current.onData(data);
      } catch {
        if (stopped) return;
        failures += 1;
        setFailing(true);
      } finally {
        inFlight = false;
      }
      if (again) {
        again = false;
        void check();
      } else {
        schedule(nextDelay(interval, failures));
      }
    }
    const onVisibility = () => {
      if (document.visibilityState === "hidden") clearTimeout(timer);
      else void check();
    };
    pokeRef.current = () => void check();
    document.addEventListener("visibilitychange", onVisibility);
    void check();
    return () => {
      stopped = true;
      abort.abort(); // a heartbeat still on its way must not arrive after "left"
      clearTimeout(timer);
      pokeRef.current = () => {};
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [initialIntervalMs]);

  const poke = useCallback(() => pokeRef.current(), []);
  return { failing, poke };
}
