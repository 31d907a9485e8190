/**
 * Finds the CgroupHost behind a page's lab: the "cgroup" scenario attaches a
 * CgroupModel to each Host (sim/src/shell/commands/cgroup/model.ts); this is
 * the one place the picture asks for it.
 */
import type { Lab } from "@vmlab/sim";
import type { CgroupHost } from "@vmlab/sim/cgroup/host";
import { cgroupModel } from "@vmlab/sim/shell/commands/cgroup/model";

export function cgroupHostOfLab(lab: Lab): CgroupHost | undefined {
  return cgroupModel(lab.host)?.cg;
}

/** The groups running on a CPU right now (the model's own per-task rates), for the not yet reported tail. */
export function runningNow(host: CgroupHost): (cpu: number) => string[] {
  return (cpu) => host.sched.cpus[cpu]?.tasks.filter((t) => t.rate > 0).map((t) => t.group.path) ?? [];
}
