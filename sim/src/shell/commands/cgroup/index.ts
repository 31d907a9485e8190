import type { CommandSpec } from "../../command";
import { cgexec } from "./cgexec";
import { dd } from "./dd";
import { docker } from "./docker";
import { lsblk } from "./lsblk";
import { stressNg } from "./stress-ng";
import { taskset } from "./taskset";
import { systemdCgtop, top } from "./top";

/** The cgroup scenario's commands. */
export const cgroupCommands: CommandSpec[] = [
  stressNg,
  cgexec,
  dd,
  lsblk,
  taskset,
  top,
  systemdCgtop,
  docker,
];
