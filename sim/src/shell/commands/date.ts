import type { CommandSpec } from "../command";

/** GNU date in the C/POSIX format `Fri Nov 27 09:00:00 UTC 2026`, from the simulated clock; `+FORMAT` with common fields. */
export const date: CommandSpec = {
  name: "date",
  synopsis: "date [+FORMAT]",
  summary: {
    en: "Print the simulated system date and time.",
    ko: "시뮬레이션된 시스템 날짜와 시각을 출력합니다.",
  },
  options: [
    {
      flags: "-u, --utc",
      help: {
        en: "print Coordinated Universal Time (the host's zone is UTC)",
        ko: "UTC로 출력 (호스트의 시간대가 UTC)",
      },
    },
  ],
  async run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== "-u" && a !== "--utc");
    const d = new Date(ctx.host.epochMs());
    const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const p2 = (n: number): string => String(n).padStart(2, "0");
    const fields: Record<string, string> = {
      a: days[d.getUTCDay()]!,
      b: months[d.getUTCMonth()]!,
      d: p2(d.getUTCDate()),
      e: String(d.getUTCDate()).padStart(2),
      H: p2(d.getUTCHours()),
      M: p2(d.getUTCMinutes()),
      S: p2(d.getUTCSeconds()),
      Y: String(d.getUTCFullYear()),
      m: p2(d.getUTCMonth() + 1),
      y: p2(d.getUTCFullYear() % 100),
      Z: "UTC",
      z: "+0000",
      s: String(Math.floor(d.getTime() / 1000)),
      N: String((ctx.host.clock.nowUs % 1_000_000) * 1000).padStart(9, "0"),
      F: `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`,
      T: `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
      n: "\n",
      t: "\t",
      "%": "%",
    };
    const fmt = args[0];
    if (fmt !== undefined && !fmt.startsWith("+")) {
      await ctx.stderr.write(`${ctx.t("cmd.invalidDate", { name: "date", value: fmt })}\n`);
      return 1;
    }
    if (args.length > 1) {
      await ctx.stderr.write(
        `${ctx.t("cmd.extraOperand", { name: "date", value: args[1]! })}\n${ctx.t("cmd.tryHelp", { name: "date" })}\n`,
      );
      return 1;
    }
    const pattern = fmt === undefined ? "%a %b %e %T %Z %Y" : fmt.slice(1);
    await ctx.stdout.write(pattern.replace(/%(.)/g, (m, c: string) => fields[c] ?? m) + "\n");
    return 0;
  },
};
