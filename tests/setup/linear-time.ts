import { expect } from "vitest";

/**
 * Asserts that `run` grows linearly with its input, not quadratically: `make(n)` builds an input of
 * about n characters, and 8 times the input must take less than 24 times as long (a quadratic scan
 * takes 64 times). A growth ratio holds on a busy machine, where a time limit would not; the speed
 * itself is measured by the benchmarks (npm run bench:*). Best of two runs at each size; a
 * megabyte done in under SLOW_MS passes whatever the ratio (a quadratic one takes seconds).
 */
const SLOW_MS = 200;
export function expectLinearTime(label: string, make: (chars: number) => string, run: (input: string) => unknown) {
  const bestOf = (input: string) => {
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      run(input);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  const small = bestOf(make(128 * 1024));
  const large = bestOf(make(1024 * 1024));
  // A few milliseconds are all noise (a GC pause, a busy core): only a slow megabyte can be quadratic.
  if (large < SLOW_MS) return;
  expect(large / Math.max(small, 1), `${label}: 1 MB took ${large.toFixed(0)} ms, 128 KB ${small.toFixed(0)} ms`).toBeLessThan(24);
}
