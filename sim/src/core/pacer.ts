import type { Microseconds, VirtualClock } from "./clock";

/**
 * How simulated time is played out. The models only ever see the clock; a
 * pacer decides whether a 10-second run finishes at once (CLI, tests, scripts)
 * or plays at a reader-chosen speed in the page, yielding between frames so
 * pictures move and Ctrl-C lands at the current simulated instant.
 */
export interface Pacer {
  /**
   * Runs the clock towards `untilUs`. `stop` is polled between events (Ctrl-C,
   * or a model event someone is waiting for); resolves `true` when the target
   * was reached, `false` when stopped first (the clock then stays at the
   * instant of the last event fired).
   */
  advance(clock: VirtualClock, untilUs: Microseconds, stop: () => boolean): Promise<boolean>;
}

/** Finishes any run at once. Used by the CLI, tests and scripted replays. */
export const immediatePacer: Pacer = {
  advance(clock, untilUs, stop) {
    return Promise.resolve(clock.runUntil(untilUs, stop));
  },
};

export interface FrameSource {
  /** Resolves on the next frame with the wall-clock time in milliseconds. */
  nextFrame(): Promise<number>;
}

/** Default play speed in the page: 10 s of simulated time in about 2 s. */
export const defaultPlaySpeed = 5;

/**
 * Plays simulated time at `speed()` simulated seconds per wall second. Wall
 * time comes from the injected frame source, never from the models.
 */
export function realtimePacer(frames: FrameSource, speed: () => number): Pacer {
  return {
    async advance(clock, untilUs, stop) {
      let last = await frames.nextFrame();
      while (clock.nowUs < untilUs) {
        if (stop()) return false;
        const now = await frames.nextFrame();
        // Cap one frame's worth so a tab coming back from the background does not jump ahead.
        const wallMs = Math.min(Math.max(now - last, 0), 100);
        last = now;
        const stepUs = Math.max(1, Math.round(wallMs * 1000 * Math.max(speed(), 0.01)));
        const target = Math.min(untilUs, clock.nowUs + stepUs);
        if (!clock.runUntil(target, stop)) return false;
      }
      // Events due at the target instant itself (a zero-length wait) still have to fire.
      return clock.runUntil(untilUs, stop);
    },
  };
}
