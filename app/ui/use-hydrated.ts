import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and while React hydrates the server's HTML, true from then on (and at
 * once after a client-side navigation). React reads the server snapshot during hydration, so
 * markup that depends on this never mismatches; the same pattern as remix-utils' useHydrated.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
