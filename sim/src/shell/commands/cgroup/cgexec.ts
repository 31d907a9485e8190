import type { CommandSpec } from "../../command";
import { localize } from "../../../i18n/catalog";
import { cgroupMessages as m } from "../../../i18n/cgroup";
import { controllerNames } from "../../../cgroup/host";
import { execCommand, modelOrFail } from "./exec";

/**
 * libcgroup's cgexec: `-g CONTROLLERS:PATH` moves this process into PATH
 * (on cgroup v2 one hierarchy: cgroup_change_cgroup_path() writes the pid to
 * PATH/cgroup.procs), then execvp()s the command, which inherits the group.
 */
export const cgexec: CommandSpec = {
  name: "cgexec",
  synopsis: "cgexec [-g CONTROLLERS:PATH] [--sticky] COMMAND [ARG]...",
  summary: {
    en: "Run a command in a given control group.",
    ko: "명령을 지정한 컨트롤 그룹 안에서 실행합니다.",
  },
  options: [
    {
      flags: "-g CONTROLLERS:PATH",
      help: {
        en: "controllers (comma-separated or *) and the group's path",
        ko: "컨트롤러 (쉼표로 구분하거나 *)와 그룹 경로",
      },
    },
    {
      flags: "--sticky",
      help: {
        en: "accepted; no daemon moves processes here",
        ko: "받아들이지만 프로세스를 옮기는 데몬은 없습니다",
      },
    },
  ],
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let target: string | undefined;
    let i = 0;
    const usage = async (): Promise<number> => {
      await ctx.stderr.write(`${localize(ctx.lang, m.cgexecUsage)}\n`);
      return 255; // libcgroup returns -1 from main
    };
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--sticky") continue;
      if (a === "-g") {
        const v = args[++i];
        if (v === undefined) return usage();
        target = v;
        continue;
      }
      if (a.startsWith("-g")) {
        target = a.slice(2);
        continue;
      }
      if (a === "--") {
        i++;
        break;
      }
      if (a.startsWith("-")) return usage();
      break;
    }
    const command = args.slice(i);
    if (command.length === 0) return usage();
    const model = await modelOrFail(ctx);
    if (model === undefined) return 1;
    if (target !== undefined) {
      const colon = target.indexOf(":");
      const controllers = colon < 0 ? [] : target.slice(0, colon).split(",");
      const path = colon < 0 ? "" : target.slice(colon + 1);
      const known = (c: string): boolean => c === "*" || (controllerNames as readonly string[]).includes(c);
      if (colon < 0 || controllers.length === 0 || !controllers.every(known)) return usage();
      try {
        model.move(ctx.pid, path.replace(/^\/+/, ""));
      } catch {
        await ctx.stderr.write(`${localize(ctx.lang, m.cgexecFailed)}\n`);
        // main() returns libcgroup's ECGROUPNOTEXIST (50002): the shell sees 50002 & 0xff.
        return 82;
      }
    }
    return execCommand(ctx, command);
  },
};
