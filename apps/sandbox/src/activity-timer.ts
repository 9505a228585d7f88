// Runs a scripted step every few seconds. A step that throws is reported and the timer goes on: a demo that
// stops producing alerts after one hiccup would look like a worker bug.

/** A running timer. */
export interface ActivityTimer {
  readonly everyMs: number;
  /** How many steps ran. */
  readonly steps: number;
  stop(): void;
}

/** Calls `step` every `everyMs`; the timer never keeps the process alive on its own. */
export function startActivityTimer<T>(
  step: () => T,
  options: { everyMs: number; onStep?: (result: T) => void; onError?: (error: unknown) => void },
): ActivityTimer {
  let steps = 0;
  const timer = setInterval(() => {
    try {
      const result = step();
      steps += 1;
      options.onStep?.(result);
    } catch (error) {
      options.onError?.(error);
    }
  }, options.everyMs);
  timer.unref();
  return {
    everyMs: options.everyMs,
    get steps() {
      return steps;
    },
    stop: () => clearInterval(timer),
  };
}
