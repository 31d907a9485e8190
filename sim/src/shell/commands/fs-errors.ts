import { isSysError } from "../../core/errno";
import { strerror } from "../../i18n/catalog";
import type { CommandContext } from "../command";

/** Runs a filesystem call; on a kernel error prints `name: path: strerror` and returns false. */
export async function tryFs<T>(
  ctx: CommandContext,
  path: string,
  fn: () => T,
  key: "fileError" | "cannotAccess" = "fileError",
): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (!isSysError(e)) throw e;
    await ctx.stderr.write(
      `${ctx.t(`cmd.${key}`, { name: ctx.argv[0]!, path, error: strerror(ctx.lang, e.errno) })}\n`,
    );
    return { ok: false };
  }
}

export function errText(ctx: CommandContext, e: unknown): string {
  if (isSysError(e)) return strerror(ctx.lang, e.errno);
  throw e;
}
