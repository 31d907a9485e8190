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
