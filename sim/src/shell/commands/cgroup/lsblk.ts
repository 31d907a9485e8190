import type { CommandSpec } from "../../command";
import { modelOrFail } from "./exec";

/**
 * util-linux lsblk: the host's block devices (the model's disks, each with
 * the root partition as sda1), default columns NAME MAJ:MIN RM SIZE RO TYPE
 * MOUNTPOINTS, sizes in powers of 1024 with one letter (lsblk's size_to_human_string).
 */
export const lsblk: CommandSpec = {
  name: "lsblk",
  synopsis: "lsblk [DEVICE]...",
  summary: { en: "List block devices.", ko: "블록 장치를 나열합니다." },
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const bad = args.find((a) => a.startsWith("-"));
    if (bad !== undefined) {
      await ctx.stderr.write(
        `${ctx.t("cmd.invalidOption", { name: "lsblk", option: bad.slice(1, 2) })}\n${ctx.t("cmd.tryHelp", { name: "lsblk" })}\n`,
      );
      return 1;
    }
    const model = await modelOrFail(ctx);
    if (model === undefined) return 1;
    const rows: string[][] = [["NAME", "MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINTS"]];
    let status = 0;
    for (const d of model.cg.devices) {
      if (args.length > 0 && !args.includes(`/dev/${d.name}`)) continue;
      rows.push([d.name, `${d.major}:${d.minor}`, "0", humanSize(d.sizeBytes), "0", "disk", ""]);
      if (d === model.cg.devices[0])
        rows.push([
          `└─${d.name}1`,
          `${d.major}:${d.minor + 1}`,
          "0",
          humanSize(d.sizeBytes),
          "0",
          "part",
          "/",
        ]);
    }
    for (const a of args) {
      if (!model.cg.devices.some((d) => `/dev/${d.name}` === a)) {
        await ctx.stderr.write(`lsblk: ${a}: not a block device\n`);
        status = 32;
      }
    }
    if (rows.length === 1) return status;
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
    const right = new Set([2, 3, 4]); // RM, SIZE and RO are right-aligned
    const out = rows.map((r) =>
      r
        .map((cell, i) => {
          if (i === r.length - 1) return cell;
          if (i === 1) return cell.padStart(Math.max(widths[1]!, 7)); // MAJ:MIN aligns on the colon
          return right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]! + (i === 0 ? 0 : 0));
        })
        .join(" ")
        .trimEnd(),
    );
    await ctx.stdout.write(`${out.join("\n")}\n`);
    return status;
  },
};

/** size_to_human_string(): 64G, 512M, 1.5T (one decimal when not whole). */
function humanSize(bytes: number): string {
  const units = ["B", "K", "M", "G", "T", "P"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const text = Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, "");
  return `${text}${units[u]!}`;
}
