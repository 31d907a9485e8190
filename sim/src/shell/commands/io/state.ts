import { SysError } from "../../../core/errno";
import { EventBus } from "../../../core/events";
import type { Host } from "../../../host/host";
import type { DirProvider, Node } from "../../../host/vfs";
import type { IoMachine } from "../../../devices/guest-disk";
import type { Shell } from "../../shell";
import { TraceBuffer } from "../../../vmx/trace";

/** A guest started by qemu-system-x86_64 and still running. */
export interface RunningGuest {
  readonly machine: IoMachine;
  readonly controller: "ide" | "virtio";
  /** The guest's own Host (hostname "guest") and its shell. */
  readonly host: Host;
  readonly shell: Shell;
  /** pid of the qemu-system-x86 process in the host's process table. */
  readonly qemuPid: number;
  readonly imagePath: string;
  /** The host whose qemu-system-x86_64 runs this guest. */
  readonly owner: Host;
  /** Stops the guest: the host's process goes, the console returns to the host shell. */
  powerOff(): void;
}

export type IoLabEvents = {
  /** A guest booted (`guest`) or powered off (undefined). */
  vm: { readonly guest: RunningGuest | undefined };
  /** A guest dd finished: its controller, bytes moved and the exits it cost, by kvm_stat name. */
  dd: {
    readonly controller: "ide" | "virtio";
    readonly write: boolean;
    readonly bytes: number;
    readonly durationUs: number;
    readonly exits: ReadonlyMap<string, number>;
  };
};

/** The I/O lab's state on one simulated host: the guest it runs, ftrace, kvm_stat's counters. */
export interface IoHostState {
  guest: RunningGuest | undefined;
  /** ftrace's ring buffer, shared by every VM this host runs. */
  readonly trace: TraceBuffer;
  kvmEventsEnabled: boolean;
  tracingOn: boolean;
  /** kvm_stat counters of guests already powered off. */
  readonly pastStats: Map<string, number>;
  /** pid of the last QEMU started (trace lines name its threads). */
  lastQemuPid: number;
  readonly events: EventBus<IoLabEvents>;
}

const states = new WeakMap<Host, IoHostState>();
const guests = new WeakMap<Host, RunningGuest>();

export function ioState(host: Host): IoHostState {
  let state = states.get(host);
  if (state === undefined) {
    state = {
      guest: undefined,
      trace: new TraceBuffer(),
      kvmEventsEnabled: false,
      tracingOn: true,
      pastStats: new Map(),
      lastQemuPid: 0,
      events: new EventBus<IoLabEvents>(),
    };
    states.set(host, state);
  }
  return state;
}

/** The running guest's machine (VM, disk, device models) on a lab's host, for pictures. */
export function ioMachineOf(host: Host): IoMachine | undefined {
  return states.get(host)?.guest?.machine;
}

/** The lab's event bus (guest started/stopped, dd finished), for pictures. */
export function ioEvents(host: Host): EventBus<IoLabEvents> {
  return ioState(host).events;
}

export function registerGuest(guestHost: Host, guest: RunningGuest): void {
  guests.set(guestHost, guest);
}

/** The guest a guest-side command runs in (looked up by the guest shell's Host). */
export function guestOf(host: Host): RunningGuest | undefined {
  return guests.get(host);
}

/** kvm_stat's totals: guests already gone plus the running one. */
export function kvmStatTotals(state: IoHostState): Map<string, number> {
  const totals = new Map(state.pastStats);
  for (const [k, v] of state.guest?.machine.vm.stats() ?? []) totals.set(k, (totals.get(k) ?? 0) + v);
  return totals;
}

function syncTraceEnabled(state: IoHostState): void {
  state.trace.enabled = state.kvmEventsEnabled && state.tracingOn;
}

/**
 * /sys/kernel/tracing as far as the lab needs it: tracing_on, trace,
 * current_tracer and events/kvm/enable (kernel/trace/trace.c,
 * trace_events.c). Writes take what the kernel's handlers take:
 * kstrtoul of the text, 0 or 1 for an event's enable, any number for
 * tracing_on; opening trace for writing clears the buffer.
 */
export function mountTracing(host: Host): void {
  const state = ioState(host);
  const vfs = host.vfs;
  const parseUnsigned = (text: string): number => {
    const t = text.trim();
    if (!/^[0-9]+$/.test(t)) throw new SysError("EINVAL");
    return Number(t);
  };
  const traceFile = vfs.newGenerated(
    () =>
      state.trace.format({ qemuPid: state.lastQemuPid, vcpuHostCpu: 1, qemuHostCpu: 0 }, host.config.cpus),
    () => {
      state.trace.clear();
    },
    0o644,
  );
  const tracingOn = vfs.newGenerated(
    () => (state.tracingOn ? "1\n" : "0\n"),
    (text) => {
      state.tracingOn = parseUnsigned(text) !== 0;
      syncTraceEnabled(state);
    },
  );
  const enable = (): Node =>
    vfs.newGenerated(
      () => (state.kvmEventsEnabled ? "1\n" : "0\n"),
      (text) => {
        const v = parseUnsigned(text);
        if (v !== 0 && v !== 1) throw new SysError("EINVAL");
        state.kvmEventsEnabled = v === 1;
        syncTraceEnabled(state);
      },
    );
  const kvmEnable = enable();
  const allEnable = enable();
  const kvmDir = vfs.newDir(0o755, fixedDir({ enable: kvmEnable }));
  const eventsDir = vfs.newDir(0o755, fixedDir({ enable: allEnable, kvm: kvmDir }));
  const tracer = vfs.newGenerated(() => "nop\n");
  const tracers = vfs.newGenerated(() => "function_graph function nop\n");
  vfs.install(
    "/sys/kernel/tracing",
    vfs.newDir(
      0o700,
      fixedDir({
        trace: traceFile,
        tracing_on: tracingOn,
        current_tracer: tracer,
        available_tracers: tracers,
        events: eventsDir,
      }),
    ),
  );
  syncTraceEnabled(state);
}

function fixedDir(entries: Record<string, Node>): DirProvider {
  return {
    list: () => Object.keys(entries),
    lookup: (name) => entries[name],
  };
}
