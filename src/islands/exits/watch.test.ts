import { describe, expect, it } from "vitest";
import { Lab } from "@vmlab/sim";
import "@vmlab/sim/scenarios/all";
import { registerLab, unregisterLab } from "../../console/labs";
import type { Controller, Run } from "./recorder";
import { watchExits } from "./watch";

/** The console's lab with the io scenario, followed by the picture's watcher as the page wires them. */
async function labWithWatcher(name: string) {
  let screen = "";
  const lab = new Lab({ scenario: "io", terminal: { colour: false, write: (t) => void (screen += t) } });
  await lab.start();
  const runs: { controller: Controller; run: Run }[] = [];
  const stop = watchExits(name, {
    run: (controller, run, done) => {
      if (done) runs.push({ controller, run });
    },
  });
  registerLab(name, lab);
  const type = async (line: string): Promise<void> => {
    await lab.active.run(line);
  };
  return { lab, runs, type, screen: () => screen, stop: () => (stop(), unregisterLab(name, lab)) };
}

describe("the picture follows the console's guests", () => {
  it("each guest dd becomes one run, IDE and virtio kept apart", async () => {
    const t = await labWithWatcher("io-watch-1");
    await t.type("qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.raw,format=raw,if=ide");
    expect(t.lab.active).not.toBe(t.lab.shell);
    await t.type("dd if=/dev/zero of=/dev/sda bs=512 count=1 oflag=direct");
    await t.type("poweroff");
    await t.type("qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.raw,format=raw,if=virtio");
    await t.type("dd if=/dev/zero of=/dev/vda bs=512 count=1 oflag=direct");
    await t.type("poweroff");
    t.stop();
    const dds = t.runs.filter((r) => r.run.label.startsWith("dd "));
    expect(dds.map((r) => [r.controller, r.run.exitCount, r.run.totals.exits])).toEqual([
      // Same derivation as recorder.test.ts: 7 task-file writes + Status poll + 256 Data + Status = 265, + 1 HLT.
      ["ide", 266, { IO_INSTRUCTION: 265, HLT: 1 }],
      // Fresh VM: the first notify touches the MMIO page (EPT violation), then HLT until completion.
      ["virtio", 2, { EPT_VIOLATION: 1, HLT: 1 }],
    ]);
  });

  it("a reset rebuilds the host and the picture follows the new one", async () => {
    const t = await labWithWatcher("io-watch-2");
    await t.type("reset");
    // `reset` replays the scenario's prelude (which makes the images) without waiting for it.
    for (let i = 0; i < 200 && t.lab.host.vfs.tryLookup("/root/disk.qcow2") === undefined; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    while (t.lab.shell.busy) await new Promise((resolve) => setTimeout(resolve, 5));
    await t.type("qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.qcow2,format=qcow2,if=virtio");
    await t.type("dd if=/dev/zero of=/dev/vda bs=4096 count=4 oflag=direct");
    t.stop();
    expect(t.runs.map((r) => [r.controller, r.run.exitCount])).toContainEqual(["virtio", 8]);
  });
});
