import { describe, expect, it } from "vitest";
import { VirtualClock } from "@vmlab/sim/core/clock";
import { ImageFile } from "@vmlab/sim/images/image-file";
import { qemuImgCreate } from "@vmlab/sim/images/qemu-img";
import { createIoMachine, guestDd, type Controller } from "@vmlab/sim/devices/guest-disk";
import type { ExitTimelineLabels } from "./labels";
import { announcement, formatDurationUs, runPicture, totalsRows } from "./picture";
import { ExitRecorder, type Run } from "./recorder";

const labels = new Proxy({} as ExitTimelineLabels, {
  get: (_t, key) =>
    key === "toQemu"
      ? "→ QEMU ({code})"
      : key === "announce"
        ? "{controller} {exits} {user} {time}"
        : String(key),
});

function record(controller: Controller, bs: number, count: number): Run {
  const clock = new VirtualClock();
  const m = createIoMachine({ clock, controller, image: qemuImgCreate(new ImageFile(), "raw", 8 << 20) });
  const r = new ExitRecorder("dd", clock.nowUs);
  m.vm.events.on("lane", (e) => r.push(e));
  guestDd(m.disk, { bs, count, direction: { from: "zero" } });
  r.end(clock.nowUs);
  return r.snapshot();
}

describe("the picture of a run", () => {
  it("labels the collapsed data-port writes with their count, reason and port", () => {
    const p = runPicture(record("ide", 512, 1), labels);
    expect(p.lines.map((l) => `${l.count} ${l.text}`)).toContain(
      "256 IO_INSTRUCTION outw 0x1f0 → QEMU (KVM_EXIT_IO)",
    );
    const exit = p.lines[0]!;
    expect([exit.from, exit.to, exit.tone]).toEqual(["vcpu", "device", "user"]);
  });

  it("stays bounded for a thousand virtio requests: one bracketed block × 999", () => {
    const p = runPicture(record("virtio", 4096, 1000), labels);
    expect(p.lines.length).toBeLessThanOrEqual(12);
    expect(p.brackets.map((b) => b.repeat)).toEqual([999]);
  });

  it("totals: one row per reason with its SDM number, both controllers side by side", () => {
    const rows = totalsRows(record("ide", 512, 1), record("virtio", 512, 1), labels);
    expect(rows.slice(0, 3)).toEqual([
      { label: "HLT (12)", ide: "1", virtio: "1" },
      { label: "IO_INSTRUCTION (30)", ide: "265", virtio: "0" },
      { label: "EPT_VIOLATION (48)", ide: "0", virtio: "1" },
    ]);
    expect(rows.find((r) => r.label === "totalExits")).toEqual({
      label: "totalExits",
      ide: "266",
      virtio: "2",
    });
    expect(rows.find((r) => r.label === "userspaceExits")).toEqual({
      label: "userspaceExits",
      ide: "265",
      virtio: "0",
    });
  });

  it("announces a finished run and formats simulated time", () => {
    const run = record("virtio", 512, 1);
    expect(announcement("virtio-blk", run, labels)).toBe(
      `virtio-blk 2 0 ${formatDurationUs(run.endUs - run.startUs)}`,
    );
    expect([formatDurationUs(41), formatDurationUs(2932), formatDurationUs(1_234_567)]).toEqual([
      "41 µs",
      "2.93 ms",
      "1.23 s",
    ]);
  });
});
