import { describe, expect, it } from "vitest";
import { getScenario, Lab, loadScenario, scenarioNames } from "@vmlab/sim";
import { simScenarios, sims } from "./sims";

async function labOf(scenario: string): Promise<{ lab: Lab; reached: string[] }> {
  const lab = await Lab.create({ scenario, terminal: { colour: false, write: () => undefined } });
  await lab.start();
  const reached: string[] = [];
  lab.onMilestone((id) => reached.push(id));
  return { lab, reached };
}

async function run(lab: Lab, commands: string[]): Promise<void> {
  for (const command of commands) await lab.active.run(command);
}

describe("scenario milestones", () => {
  it("every embeddable scenario exists in the simulator", async () => {
    for (const sim of sims) {
      for (const name of simScenarios[sim]) {
        expect(scenarioNames(), `${sim}: ${name}`).toContain(name);
        expect(await loadScenario(name)).toBeDefined();
      }
    }
  });

  it("cgroup: throttled once a quota runs out, reported once, again after reset", async () => {
    const { lab, reached } = await labOf("cgroup");
    await run(lab, ["mkdir /sys/fs/cgroup/demo", "echo 50000 100000 > /sys/fs/cgroup/demo/cpu.max"]);
    expect(reached).toEqual([]);
    await run(lab, [
      "cgexec -g cpu:/demo stress-ng --cpu 4 --timeout 1",
      "cgexec -g cpu:/demo stress-ng --cpu 4 --timeout 1",
    ]);
    expect(reached).toEqual(["cgroup.throttled"]);
    await run(lab, ["reset"]);
    await run(lab, [
      "mkdir /sys/fs/cgroup/mem",
      "echo 64M > /sys/fs/cgroup/mem/memory.max",
      "cgexec -g memory:/mem stress-ng --vm 1 --vm-bytes 128M --timeout 1",
    ]);
    expect(reached).toEqual(["cgroup.throttled", "cgroup.oom-kill"]);
  });

  it("mmu: a walk, a nested walk", async () => {
    const { lab, reached } = await labOf("mmu");
    await run(lab, [
      "mmu map 0x7f1234567000 0x200000 --flags rw,user",
      "mmu walk 0x7f1234567abc --user",
      "mmu mode nested",
      "mmu walk 0x7f1234567abc --user",
    ]);
    expect(reached.slice(0, 2)).toEqual(["mmu.walk", "mmu.walk-nested"]);
  });

  it("io: boot, dd through IDE, power off", async () => {
    const { lab, reached } = await labOf("io");
    await run(lab, [
      "qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.raw,format=raw,if=ide",
      "dd if=/dev/zero of=/dev/sda bs=512 count=1 oflag=direct",
      "poweroff",
    ]);
    expect(reached).toEqual(["io.guest-booted", "io.dd-ide", "io.guest-poweroff"]);
  });

  it("every milestone a scenario reports is declared with both languages", () => {
    for (const name of scenarioNames()) {
      const scenario = getScenario(name);
      for (const m of scenario?.milestones ?? []) {
        expect(m.id).toMatch(/^[a-z0-9]+\.[a-z0-9-]+$/);
        expect(m.title.en.length).toBeGreaterThan(0);
        expect(m.title.ko.length).toBeGreaterThan(0);
      }
    }
    const declared = new Set(
      scenarioNames().flatMap((n) => (getScenario(n)?.milestones ?? []).map((m) => m.id)),
    );
    for (const id of [
      "cgroup.throttled",
      "cgroup.oom-kill",
      "mmu.walk",
      "mmu.walk-nested",
      "io.guest-booted",
      "io.dd-ide",
    ]) {
      expect(declared).toContain(id);
    }
  });
});
