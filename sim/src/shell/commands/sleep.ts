import type { CommandSpec } from "../command";
import { parseDurationUs } from "../../core/units";

/** GNU sleep: the sum of its arguments (s, m, h, d suffixes); simulated time passes, at once in scripts. */
export const sleep: CommandSpec = {
  name: "sleep",
  synopsis: "sleep NUMBER[SUFFIX]...",
  summary: {
    en: "Pause for NUMBER seconds of simulated time (SUFFIX s, m, h or d).",
    ko: "시뮬레이션 시간으로 NUMBER초 동안 멈춥니다 (SUFFIX는 s, m, h, d).",
  },
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args.length === 0) {
      await ctx.stderr.write(
        `${ctx.t("cmd.missingOperand", { name: "sleep" })}\n${ctx.t("cmd.tryHelp", { name: "sleep" })}\n`,
      );
      return 1;
    }
    let total = 0;
    for (const arg of args) {
      const us = parseDurationUs(arg);
      if (us === undefined) {
        await ctx.stderr.write(
          `${ctx.t("cmd.invalidTimeInterval", { name: "sleep", value: arg })}\n${ctx.t("cmd.tryHelp", { name: "sleep" })}\n`,
        );
        return 1;
      }
      total += us;
    }
    const proc = ctx.host.processes.get(ctx.pid);
    if (proc !== undefined) proc.state = "S";
    await ctx.sleep(total);
    return 0;
  },
};
