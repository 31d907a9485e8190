import type { CommandSpec } from "../command";
import { getopt } from "../getopt";
import { errText } from "./fs-errors";
import { isSysError } from "../../core/errno";

/** tee: copies standard input to standard output and to files (each write one write(2), so cgroupfs errors show). */
export const tee: CommandSpec = {
  name: "tee",
  synopsis: "tee [OPTION]... [FILE]...",
  summary: {
    en: "Read from standard input and write to standard output and files.",
    ko: "표준 입력을 읽어 표준 출력과 파일에 씁니다.",
  },
  options: [
    {
      flags: "-a, --append",
      help: { en: "append to the given files, do not overwrite", ko: "파일을 덮어쓰지 않고 뒤에 덧붙임" },
    },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, { flags: "ai", long: { append: { key: "a" } } });
    if (typeof parsed === "number") return parsed;
    const append = parsed.opts.has("a");
    let status = 0;
    const targets: string[] = [];
    for (const path of parsed.operands) {
      try {
        if (!append) ctx.fs.writeFile(path, new Uint8Array(0), ctx.cwd, false);
        else if (ctx.fs.tryLookup(path, ctx.cwd) === undefined) ctx.fs.create(path, ctx.cwd);
        targets.push(path);
      } catch (e) {
        if (!isSysError(e)) throw e;
        await ctx.stderr.write(`${ctx.t("cmd.fileError", { name: "tee", path, error: errText(ctx, e) })}\n`);
        status = 1;
      }
    }
    const encoder = new TextEncoder();
    for (;;) {
      const chunk = await ctx.stdin.read();
      if (chunk === null) break;
      await ctx.stdout.write(chunk);
      for (const path of [...targets]) {
        try {
          ctx.fs.writeFile(path, encoder.encode(chunk), ctx.cwd, true);
        } catch (e) {
          if (!isSysError(e)) throw e;
          await ctx.stderr.write(
            `${ctx.t("cmd.fileError", { name: "tee", path, error: errText(ctx, e) })}\n`,
          );
          targets.splice(targets.indexOf(path), 1);
          status = 1;
        }
      }
    }
    return status;
  },
};
