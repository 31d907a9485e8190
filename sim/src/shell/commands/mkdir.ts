import type { CommandSpec } from "../command";
import { getopt } from "../getopt";
import { errText } from "./fs-errors";
import { isSysError } from "../../core/errno";

export const mkdir: CommandSpec = {
  name: "mkdir",
  synopsis: "mkdir [OPTION]... DIRECTORY...",
  summary: {
    en: "Make directories (in /sys/fs/cgroup: create a cgroup).",
    ko: "디렉터리를 만듭니다 (/sys/fs/cgroup 안에서는 cgroup을 만듭니다).",
  },
  options: [
    {
      flags: "-p, --parents",
      help: {
        en: "no error if existing, make parent directories as needed",
        ko: "이미 있어도 오류 없음, 필요하면 상위 디렉터리도 만듦",
      },
    },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, { flags: "pv", long: { parents: { key: "p" }, verbose: { key: "v" } } });
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length === 0) {
      await ctx.stderr.write(
        `${ctx.t("cmd.missingOperand", { name: "mkdir" })}\n${ctx.t("cmd.tryHelp", { name: "mkdir" })}\n`,
      );
      return 1;
    }
    let status = 0;
    for (const path of parsed.operands) {
      try {
        if (parsed.opts.has("p")) {
          const parts = path.split("/");
          for (let i = 1; i <= parts.length; i++) {
            const prefix = parts.slice(0, i).join("/");
            if (prefix === "" || ctx.fs.tryLookup(prefix, ctx.cwd) !== undefined) continue;
            ctx.fs.mkdir(prefix, ctx.cwd);
          }
        } else ctx.fs.mkdir(path, ctx.cwd);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.stderr.write(
          `${ctx.t("cmd.cannotCreateDir", { name: "mkdir", path, error: errText(ctx, e) })}\n`,
        );
        status = 1;
      }
    }
    return status;
  },
};

export const rmdir: CommandSpec = {
  name: "rmdir",
  synopsis: "rmdir DIRECTORY...",
  summary: {
    en: "Remove empty directories (in /sys/fs/cgroup: remove a cgroup).",
    ko: "빈 디렉터리를 지웁니다 (/sys/fs/cgroup 안에서는 cgroup을 지웁니다).",
  },
  async run(ctx) {
    const parsed = await getopt(ctx, { flags: "pv" });
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length === 0) {
      await ctx.stderr.write(
        `${ctx.t("cmd.missingOperand", { name: "rmdir" })}\n${ctx.t("cmd.tryHelp", { name: "rmdir" })}\n`,
      );
      return 1;
    }
    let status = 0;
    for (const path of parsed.operands) {
      try {
        ctx.fs.rmdir(path, ctx.cwd);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.stderr.write(
          `${ctx.t("cmd.failedToRemove", { name: "rmdir", path, error: errText(ctx, e) })}\n`,
        );
        status = 1;
      }
    }
    return status;
  },
};
