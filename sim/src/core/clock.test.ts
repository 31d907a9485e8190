import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock";
import { immediatePacer } from "./pacer";

describe("VirtualClock", () => {
  it("fires events in time order, same-instant events in scheduling order", () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.at(30, () => fired.push("c"));
    clock.at(10, () => fired.push("a"));
    clock.at(10, () => fired.push("b"));
    clock.runUntil(100);
    expect(fired).toEqual(["a", "b", "c"]);
    expect(clock.nowUs).toBe(100);
  });

  it("fires events scheduled from events inside the window, and not beyond it", () => {
    const clock = new VirtualClock();
    let ticks = 0;
    const tick = (): void => {
      ticks++;
      clock.after(10, tick);
    };
    clock.at(0, tick);
    clock.runUntil(95);
    expect(ticks).toBe(10);
    expect(clock.nextEventUs()).toBe(100);
  });

  it("skips cancelled timers", () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    const id = clock.at(5, () => fired.push(5));
    clock.at(6, () => fired.push(6));
    clock.cancel(id);
    clock.runUntil(10);
    expect(fired).toEqual([6]);
  });

  it("stops at the current instant when asked to", async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    clock.at(10, () => controller.abort());
    clock.at(20, () => {
      throw new Error("must not fire after the stop");
    });
    const reached = await immediatePacer.advance(clock, 1_000, () => controller.signal.aborted);
    expect(reached).toBe(false);
    expect(clock.nowUs).toBe(10);
  });
});

describe("realtimePacer", () => {
  it("fires events due at the current instant when asked to wait zero time", async () => {
    const { realtimePacer } = await import("./pacer");
    const clock = new VirtualClock();
    let t = 0;
    const pacer = realtimePacer({ nextFrame: () => Promise.resolve((t += 16)) }, () => 5);
    let fired = false;
    clock.at(0, () => (fired = true));
    expect(await pacer.advance(clock, 0, () => false)).toBe(true);
    expect(fired).toBe(true);
  });

  it("plays simulated time at the chosen speed per frame", async () => {
    const { realtimePacer } = await import("./pacer");
    const clock = new VirtualClock();
    let t = 0;
    let frames = 0;
    const pacer = realtimePacer(
      {
        nextFrame: () => {
          frames++;
          return Promise.resolve((t += 16));
        },
      },
      () => 5,
    );
    await pacer.advance(clock, 1_000_000, () => false);
    // 16 ms frames at 5× move 80 ms of simulated time each: 1 s takes 13 frames (+1 to start).
    expect(frames).toBe(14);
    expect(clock.nowUs).toBe(1_000_000);
  });
});
