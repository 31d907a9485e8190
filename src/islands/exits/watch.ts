/**
 * Binds the exit picture to the page's lab: when the I/O lab boots a guest
 * (`qemu-system-x86_64 … -drive …,if=ide|virtio`), follow that VM's swim-lane
 * events, and cut them into runs at the guest shell's command boundaries, so
 * each `dd` in the guest becomes one run of the picture. Loaded on demand by
 * the island once the console has brought the simulator in.
 */
import type { Lab } from "@vmlab/sim";
import { ioEvents, ioState, type RunningGuest } from "@vmlab/sim/scenarios/io";
import { onLab } from "../../console/labs";
import { ExitRecorder, type Controller, type Run } from "./recorder";

export interface ExitWatchSink {
  /** A guest command that trapped at least once has finished (or is still running: `done` false). */
  run(controller: Controller, run: Run, done: boolean): void;
}

/** While a command runs, the picture is refreshed at most this often (wall-clock ms). */
const liveRefreshMs = 250;

function followGuest(guest: RunningGuest, sink: ExitWatchSink): () => void {
  let current: ExitRecorder | undefined;
  let lastRefresh = 0;
  const stopLane = guest.machine.vm.events.on("lane", (e) => {
    if (current === undefined) return;
    current.push(e);
    const now = performance.now();
    if (now - lastRefresh > liveRefreshMs) {
      lastRefresh = now;
      sink.run(guest.controller, current.snapshot(), false);
    }
  });
  const stopCommands = guest.host.bus.on("shell.command", (c) => {
    if (c.status === undefined) {
      current = new ExitRecorder(c.line.trim(), c.atUs);
      return;
    }
    const finished = current;
    current = undefined;
    if (finished === undefined) return;
    finished.end(c.atUs);
    if (finished.exitCount > 0) sink.run(guest.controller, finished.snapshot(), true);
  });
  return () => {
    stopLane();
    stopCommands();
  };
}

function followLab(lab: Lab, sink: ExitWatchSink): () => void {
  let stopGuest: (() => void) | undefined;
  const attach = (guest: RunningGuest | undefined): void => {
    stopGuest?.();
    stopGuest = guest === undefined ? undefined : followGuest(guest, sink);
  };
  // A guest already running when the picture arrives, then every boot and power-off.
  attach(ioState(lab.host).guest);
  const stopVm = ioEvents(lab.host).on("vm", (e) => attach(e.guest));
  return () => {
    stopVm();
    stopGuest?.();
  };
}

export function watchExits(labName: string, sink: ExitWatchSink): () => void {
  let stopLab: (() => void) | undefined;
  const stop = onLab(labName, (lab) => {
    // `reset` rebuilds the host: follow the new one.
    stopLab?.();
    stopLab = followLab(lab, sink);
  });
  return () => {
    stop();
    stopLab?.();
  };
}
