import { defineScenario } from "../host/scenarios";
import type { Host } from "../host/host";
import type { CommandRegistry } from "../shell/command";
import { attachCgroupModel, cgroupModel } from "../shell/commands/cgroup/model";
import { cgroupCommands } from "../shell/commands/cgroup";

/** Mounts cgroupfs and the cgroup tools on a host (4 CPUs / 8 GiB unless the scenario says otherwise). */
function setup(host: Host, registry: CommandRegistry): void {
  attachCgroupModel(host);
  registry.add(...cgroupCommands);
}

const milestones = [
  {
    id: "cgroup.throttled",
    title: {
      en: "A group ran out of its cpu.max quota and was throttled",
      ko: "그룹이 cpu.max 할당량을 다 써서 스로틀링되었습니다",
    },
  },
  {
    id: "cgroup.oom-kill",
    title: {
      en: "The OOM killer killed a process of a group over memory.max",
      ko: "memory.max를 넘은 그룹에서 OOM 킬러가 프로세스를 종료했습니다",
    },
  },
] as const;

/** Progress points from the model's own events (the same the throttling timeline draws). */
function watchMilestones(host: Host, reach: (id: string) => void): () => void {
  const bus = cgroupModel(host)?.cg.bus;
  if (bus === undefined) return () => undefined;
  const stops = [
    bus.on("cpu.throttle", (e) => {
      if (e.throttled) reach("cgroup.throttled");
    }),
    bus.on("memory.oom", () => reach("cgroup.oom-kill")),
  ];
  return () => stops.forEach((stop) => stop());
}

export const cgroupScenario = defineScenario({
  name: "cgroup",
  title: {
    en: "cgroup v2: CPU, memory and I/O limits (4 CPUs, 8 GiB)",
    ko: "cgroup v2: CPU·메모리·I/O 제한 (CPU 4개, 메모리 8GiB)",
  },
  machine: { cpus: 4, memoryBytes: 8 * 2 ** 30 },
  setup,
  milestones,
  watchMilestones,
});

export const cgroupOneCpuScenario = defineScenario({
  name: "cgroup-1cpu",
  title: {
    en: "cgroup v2 on one CPU: weights decide who runs",
    ko: "CPU 하나의 cgroup v2: 가중치가 누가 실행될지 정합니다",
  },
  machine: { cpus: 1, memoryBytes: 8 * 2 ** 30 },
  setup,
  milestones,
  watchMilestones,
});
