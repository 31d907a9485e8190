import type { CommandContext, CommandSpec } from "../command";
import { getopt } from "../getopt";
import { errText } from "./fs-errors";
import { isSysError, SysError } from "../../core/errno";

export const rm: CommandSpec = {
  name: "rm",
  synopsis: "rm [OPTION]... [FILE]...",
  summary: { en: "Remove files or directories.", ko: "파일이나 디렉터리를 지웁니다." },
  options: [
    {
      flags: "-f, --force",
      help: { en: "ignore nonexistent files, never prompt", ko: "없는 파일은 무시하고 묻지 않음" },
    },
    {
      flags: "-r, -R, --recursive",
      help: {
        en: "remove directories and their contents recursively",
        ko: "디렉터리와 그 내용을 재귀적으로 지움",
      },
    },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, {
      flags: "frRiv",
      long: { force: { key: "f" }, recursive: { key: "r" } },
    });
    if (typeof parsed === "number") return parsed;
    const force = parsed.opts.has("f");
    const recursive = parsed.opts.has("r") || parsed.opts.has("R");
    if (parsed.operands.length === 0 && !force) {
      await ctx.stderr.write(
        `${ctx.t("cmd.missingOperand", { name: "rm" })}\n${ctx.t("cmd.tryHelp", { name: "rm" })}\n`,
      );
      return 1;
    }
    let status = 0;
    for (const path of parsed.operands) {
      if (/(^|\/)\.\.?\/?$/.test(path)) {
        await ctx.stderr.write(`${ctx.t("cmd.rmDot", { name: "rm", path })}\n`);
        status = 1;
        continue;
      }
      try {
        remove(ctx, path, recursive);
      } catch (e) {
        if (!isSysError(e)) throw e;
        if (force && e.errno === "ENOENT") continue;
        await ctx.stderr.write(
          `${ctx.t("cmd.cannotRemove", { name: "rm", path, error: errText(ctx, e) })}\n`,
        );
        status = 1;
      }
    }
    return status;
  },
};

function remove(ctx: CommandContext, path: string, recursive: boolean): void {
  const st = ctx.fs.stat(path, ctx.cwd, false);
  if (st.kind !== "dir") {
    ctx.fs.unlink(path, ctx.cwd);
    return;
  }
  if (!recursive) throw new SysError("EISDIR");
  for (const name of ctx.fs.readdir(path, ctx.cwd)) remove(ctx, `${path.replace(/\/$/, "")}/${name}`, true);
  ctx.fs.rmdir(path, ctx.cwd);
}

export const touch: CommandSpec = {
  name: "touch",
  synopsis: "touch FILE...",
  summary: {
    en: "Change file timestamps, creating empty files.",
    ko: "파일의 시각을 바꾸고, 없으면 빈 파일을 만듭니다.",
  },
  async run(ctx) {
    const parsed = await getopt(ctx, { flags: "acm" });
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length === 0) {
      await ctx.stderr.write(
        `${ctx.t("cmd.missingOperand", { name: "touch" })}\n${ctx.t("cmd.tryHelp", { name: "touch" })}\n`,
      );
      return 1;
    }
    let status = 0;
    for (const path of parsed.operands) {
      try {
        ctx.fs.touch(path, ctx.cwd);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.stderr.write(
          `${ctx.t("cmd.cannotTouch", { name: "touch", path, error: errText(ctx, e) })}\n`,
        );
        status = 1;
      }
    }
    return status;
  },
};
