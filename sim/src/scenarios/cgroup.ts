import { defineScenario } from "../host/scenarios";
import type { Host } from "../host/host";
import type { CommandRegistry } from "../shell/command";
import { attachCgroupModel } from "../shell/commands/cgroup/model";
import { cgroupCommands } from "../shell/commands/cgroup";

/** Mounts cgroupfs and the cgroup tools on a host (4 CPUs / 8 GiB unless the scenario says otherwise). */
function setup(host: Host, registry: CommandRegistry): void {
  attachCgroupModel(host);
  registry.add(...cgroupCommands);
}

export const cgroupScenario = defineScenario({
  name: "cgroup",
  title: {
    en: "cgroup v2: CPU, memory and I/O limits (4 CPUs, 8 GiB)",
    ko: "cgroup v2: CPU·메모리·I/O 제한 (CPU 4개, 메모리 8GiB)",
  },
  machine: { cpus: 4, memoryBytes: 8 * 2 ** 30 },
  setup,
});

export const cgroupOneCpuScenario = defineScenario({
  name: "cgroup-1cpu",
  title: {
    en: "cgroup v2 on one CPU: weights decide who runs",
    ko: "CPU 하나의 cgroup v2: 가중치가 누가 실행될지 정합니다",
  },
  machine: { cpus: 1, memoryBytes: 8 * 2 ** 30 },
  setup,
});
