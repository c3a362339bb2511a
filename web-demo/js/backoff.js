// Retry delays shared by both connection modes: the first retry after a drop is immediate, then the wait doubles
// from 1 s up to 30 s, with ±20% jitter so many pages dropped at once do not return in lockstep.

const firstDelayMs = 1000;
const maxDelayMs = 30000;

/** The wait before retry number `retryCount` (0 is the first retry). */
export function retryDelayMs(retryCount) {
  if (retryCount === 0) {
    return 0;
  }

  const base = Math.min(maxDelayMs, firstDelayMs * 2 ** (retryCount - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Waits `ms`, or less when `signal` aborts first; never rejects. */
export function pause(ms, signal) {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }

    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });

    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** "in 4 s" for a delay, "now" for none. */
export function describeDelay(ms) {
  return ms === 0 ? "now" : `in ${Math.max(1, Math.round(ms / 1000))} s`;
}
