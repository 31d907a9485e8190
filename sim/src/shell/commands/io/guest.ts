import { isSysError, SysError } from "../../../core/errno";
import { parseCoreutilsSize } from "../../../core/units";
import {
  createIoMachine,
  guestReadBytes,
  guestWriteBytes,
  type Controller,
  type GuestDisk,
} from "../../../devices/guest-disk";
import { Host } from "../../../host/host";
import { VirtualClock } from "../../../core/clock";
import type { DeviceIo, Node } from "../../../host/vfs";
import type { DiskImage } from "../../../images/disk-image";
import { sectorBytes } from "../../../images/disk-image";
import { localize, strerror } from "../../../i18n/catalog";
import { ioMessages as m } from "../../../i18n/io";
import type { CommandContext, CommandSpec } from "../../command";
import { Shell } from "../../shell";
import { readAll } from "../../io";
import { baseRegistry, installBinaries } from "../index";
import { readRange, readableSize } from "./files";
import { ddBytesLine, humanReadable, stringGetSize } from "./format";
import { guestOf, ioState, registerGuest, type RunningGuest } from "./state";

/** Guest RAM the model holds as bytes: dd's buffer lives in it, so it bounds bs (the rest of -m is only reported). */
const modelRamMin = 16 * 1024 * 1024;
const modelRamMax = 80 * 1024 * 1024;

const stamp = (us: number): string => {
  const s = Math.floor(us / 1_000_000);
  return `[${String(s).padStart(5)}.${String(us % 1_000_000).padStart(6, "0")}]`;
};

/**
 * What `qemu-system-x86_64 … -drive …` does once its arguments are good:
 * a qemu-system-x86 process on the host, a KVM VM with the disk on the
 * chosen controller backed by the image, a guest Linux with its own shell
 * that takes over the terminal. Returns the console lines of the boot.
 */
export function bootGuest(
  ctx: CommandContext,
  opts: { controller: Controller; image: DiskImage; file: string; ramBytes: number },
): string {
  const host = ctx.shell.host;
  const state = ioState(host);
  const proc = host.processes.spawn({
    comm: "qemu-system-x86_64",
    args: ctx.argv,
    ppid: ctx.shell.pid,
    nowUs: host.clock.nowUs,
    cgroup: host.processes.get(ctx.shell.pid)?.cgroup ?? "",
  });
  proc.state = "S";
  proc.threads = 3;
  proc.rssBytes = opts.ramBytes;
  state.lastQemuPid = proc.pid;
  // The vCPU and device models run on the VM's own clock, synchronously, exit by exit; the commands
  // that drive them (dd) then let the host's clock catch up with `ctx.sleep`, so simulated time plays
  // at the reader's speed in the page and finishes at once in scripts, like every other command.
  const vmClock = new VirtualClock();
  vmClock.runUntil(host.clock.nowUs);
  const machine = createIoMachine({
    clock: vmClock,
    controller: opts.controller,
    image: opts.image,
    memoryBytes: Math.min(modelRamMax, Math.max(modelRamMin, Math.ceil(opts.ramBytes / 4096) * 4096)),
    qemuPid: proc.pid,
    trace: state.trace,
  });
  const disk = machine.disk;
  const guestHost = new Host(
    { hostname: "guest", cpus: 1, memoryBytes: opts.ramBytes, guest: true },
    { clock: host.clock },
  );
  const registry = baseRegistry();
  registry.add(...guestCommands);
  installBinaries(guestHost, registry);
  const device: DeviceIo = {
    size: disk.sizeBytes,
    read: (offset, length) =>
      guestReadBytes(disk, offset, Math.max(0, Math.min(length, disk.sizeBytes - offset))),
    write: (offset, data) => {
      if (offset + data.length > disk.sizeBytes) throw new SysError("ENOSPC");
      guestWriteBytes(disk, offset, data);
    },
  };
  const [major, minor] = disk.majMin.split(":").map(Number) as [number, number];
  guestHost.vfs.install(
    `/dev/${disk.name}`,
    guestHost.vfs.newDevice("blockdev", major, minor, device, 0o660),
  );
  let off = false;
  const shell: Shell = new Shell({
    ...ctx.shell.options,
    host: guestHost,
    registry,
    lang: ctx.shell.lang,
    onExit: () => guest.powerOff(),
  });
  const guest: RunningGuest = {
    machine,
    controller: opts.controller,
    host: guestHost,
    shell,
    qemuPid: proc.pid,
    imagePath: opts.file,
    owner: host,
    powerOff: () => {
      if (off) return;
      off = true;
      for (const [k, v] of machine.vm.stats()) state.pastStats.set(k, (state.pastStats.get(k) ?? 0) + v);
      state.guest = undefined;
      host.processes.exit(proc.pid);
      ctx.shell.session?.leave(shell);
      state.events.emit("vm", { guest: undefined });
    },
  };
  registerGuest(guestHost, guest);
  state.guest = guest;
  ctx.shell.session?.enter(shell);
  state.events.emit("vm", { guest });
  const sectors = disk.sizeBytes / sectorBytes;
  const sizes = `${stringGetSize(disk.sizeBytes, 10)}/${stringGetSize(disk.sizeBytes, 2)}`;
  // Guest kernel messages at boot (drivers/ata/libata-core.c, drivers/scsi/sd.c, drivers/block/virtio_blk.c).
  const probe =
    opts.controller === "ide"
      ? [
          `${stamp(612_118)} ata1.00: ATA-7: QEMU HARDDISK, 2.5+, max UDMA/100`,
          `${stamp(612_433)} ata1.00: ${sectors} sectors, multi 16: LBA48 `,
          `${stamp(640_902)} sd 0:0:0:0: [sda] ${sectors} 512-byte logical blocks: (${sizes})`,
          `${stamp(641_377)} sd 0:0:0:0: [sda] Attached SCSI disk`,
        ]
      : [
          `${stamp(402_510)} virtio_blk virtio1: 1/0/0 default/read/poll queues`,
          `${stamp(403_127)} virtio_blk virtio1: [vda] ${sectors} 512-byte logical blocks (${sizes})`,
        ];
  return [
    "SeaBIOS (version 1.16.3-debian-1.16.3-2)",
    "Booting from Hard Disk...",
    `${stamp(0)} Linux version ${host.config.kernelRelease} (root@guest) ${host.config.kernelVersion}`,
    `${stamp(0)} Command line: console=ttyS0 root=/dev/ram0`,
    ...probe,
    "",
    "Debian GNU/Linux 13 guest ttyS0",
    "",
    "",
  ].join("\n");
}

/** The guest's disk device node, or undefined. */
function diskOf(ctx: CommandContext): GuestDisk | undefined {
  return guestOf(ctx.shell.host)?.machine.disk;
}

/** util-linux size_to_human_string(SIZE_SUFFIX_1LETTER): powers of 1024, one rounded decimal unless it is 0. */
function lsblkSize(bytes: number): string {
  const letters = ["", "K", "M", "G", "T", "P", "E"];
  let exp = 0;
  while (exp < letters.length - 1 && bytes >= 1024 ** (exp + 1)) exp++;
  if (exp === 0) return `${bytes}B`;
  const whole = Math.floor(bytes / 1024 ** exp);
  let dec = Math.round(((bytes - whole * 1024 ** exp) / 1024 ** exp) * 10);
  let w = whole;
  if (dec === 10) {
    w++;
    dec = 0;
  }
  return dec === 0 ? `${w}${letters[exp]!}` : `${w}.${dec}${letters[exp]!}`;
}

export const lsblk: CommandSpec = {
  name: "lsblk",
  synopsis: "lsblk",
  summary: { en: "List block devices.", ko: "블록 장치를 나열합니다." },
  async run(ctx) {
    const disk = diskOf(ctx);
    const rows = disk === undefined ? [] : [disk];
    const nameW = Math.max(4, ...rows.map((d) => d.name.length));
    const sizes = rows.map((d) => lsblkSize(d.sizeBytes));
    const sizeW = Math.max(4, ...sizes.map((s) => s.length));
    const head = `${"NAME".padEnd(nameW)} MAJ:MIN RM ${"SIZE".padStart(sizeW)} RO TYPE MOUNTPOINTS`;
    const lines = rows.map((d, i) => {
      const [maj, min] = d.majMin.split(":") as [string, string];
      // lsblk prints MAJ:MIN as "%3u:%-3u".
      return `${d.name.padEnd(nameW)} ${maj.padStart(3)}:${min.padEnd(3)}  0 ${sizes[i]!.padStart(sizeW)}  0 disk `;
    });
    await ctx.stdout.write(`${[head, ...lines].join("\n")}\n`);
    return 0;
  },
};

export const sync: CommandSpec = {
  name: "sync",
  synopsis: "sync [FILE]...",
  summary: {
    en: "Flush cached writes; the disk gets a cache flush (ATA FLUSH CACHE / VIRTIO_BLK_T_FLUSH).",
    ko: "캐시된 쓰기를 내보냅니다. 디스크에는 캐시 플러시(ATA FLUSH CACHE / VIRTIO_BLK_T_FLUSH)가 갑니다.",
  },
  async run(ctx) {
    try {
      diskOf(ctx)?.flush();
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.error(strerror(ctx.lang, e.errno));
      return 1;
    }
    return 0;
  },
};

export const poweroff: CommandSpec = {
  name: "poweroff",
  synopsis: "poweroff",
  dir: "/usr/sbin",
  summary: {
    en: "Power off the guest and return to the host.",
    ko: "게스트 전원을 끄고 호스트로 돌아갑니다.",
  },
  async run(ctx) {
    const guest = guestOf(ctx.shell.host);
    if (guest === undefined) {
      await ctx.error("this lab powers off guests only");
      return 1;
    }
    await ctx.stdout.write(`${stamp(ctx.shell.host.clock.nowUs % 100_000_000)} reboot: Power down\n`);
    guest.powerOff();
    return 0;
  },
};

const inputFlags = new Set([
  "direct",
  "dsync",
  "sync",
  "fullblock",
  "nocache",
  "noatime",
  "nonblock",
  "nofollow",
  "noctty",
  "count_bytes",
  "skip_bytes",
  "binary",
  "text",
  "directory",
]);
const outputFlags = new Set([
  "direct",
  "dsync",
  "sync",
  "nocache",
  "noatime",
  "nonblock",
  "nofollow",
  "noctty",
  "seek_bytes",
  "append",
  "binary",
  "text",
  "directory",
]);
const convFlags = new Set(["notrunc", "fsync", "fdatasync", "noerror", "sync", "excl", "nocreat", "sparse"]);

type End =
  | { kind: "disk"; disk: GuestDisk; path: string }
  | { kind: "node"; node: Node; path: string }
  | { kind: "stdio"; path: string };

/**
 * GNU dd in the guest. Reads and writes of the disk go through the guest
 * driver and the emulated controller (every register access a VM exit),
 * and land in the host's image file. Buffered I/O to the disk is modelled
 * like O_DIRECT (one request per block); unaligned buffered writes do a
 * read-modify-write of their sectors, as the page cache would.
 */
export const dd: CommandSpec = {
  name: "dd",
  synopsis: "dd [OPERAND]...",
  summary: {
    en: "Convert and copy a file (if=, of=, bs=, count=, seek=, skip=, iflag=, oflag=).",
    ko: "파일을 변환하고 복사합니다 (if=, of=, bs=, count=, seek=, skip=, iflag=, oflag=).",
  },
  options: [
    {
      flags: "bs=BYTES",
      help: {
        en: "read and write up to BYTES bytes at a time (default: 512)",
        ko: "한 번에 최대 BYTES 바이트씩 읽고 씀 (기본값 512)",
      },
    },
    { flags: "count=N", help: { en: "copy only N input blocks", ko: "입력 블록 N개만 복사" } },
    { flags: "if=FILE", help: { en: "read from FILE instead of stdin", ko: "표준 입력 대신 FILE에서 읽음" } },
    { flags: "of=FILE", help: { en: "write to FILE instead of stdout", ko: "표준 출력 대신 FILE에 씀" } },
    { flags: "seek=N", help: { en: "skip N obs-sized output blocks", ko: "출력 블록 N개를 건너뜀" } },
    { flags: "skip=N", help: { en: "skip N ibs-sized input blocks", ko: "입력 블록 N개를 건너뜀" } },
    {
      flags: "iflag=FLAGS, oflag=FLAGS",
      help: {
        en: "direct: O_DIRECT; dsync, sync: synchronized writes",
        ko: "direct: O_DIRECT, dsync·sync: 동기 쓰기",
      },
    },
    { flags: "conv=CONVS", help: { en: "notrunc, fsync, fdatasync", ko: "notrunc, fsync, fdatasync" } },
    { flags: "status=LEVEL", help: { en: "none, noxfer or progress", ko: "none, noxfer, progress" } },
  ],
  async run(ctx) {
    const usageFail = async (text: string): Promise<number> => {
      await ctx.stderr.write(`${text}\n${ctx.t("cmd.tryHelp", { name: "dd" })}\n`);
      return 1;
    };
    const ops = new Map<string, string>();
    for (const arg of ctx.argv.slice(1)) {
      const eq = arg.indexOf("=");
      const key = eq < 0 ? arg : arg.slice(0, eq);
      if (
        eq < 0 ||
        ![
          "if",
          "of",
          "bs",
          "ibs",
          "obs",
          "count",
          "seek",
          "oseek",
          "skip",
          "iseek",
          "iflag",
          "oflag",
          "conv",
          "status",
        ].includes(key)
      )
        return usageFail(localize(ctx.lang, m.ddUnrecognized, { value: arg }));
      ops.set(key === "oseek" ? "seek" : key === "iseek" ? "skip" : key, arg.slice(eq + 1));
    }
    const number = (key: string, min: number, fallback: number): number | string => {
      const text = ops.get(key);
      if (text === undefined) return fallback;
      const v = parseCoreutilsSize(text);
      return v === undefined || v < min ? text : v;
    };
    const values: Record<string, number> = {};
    for (const [key, min, fallback] of [
      ["bs", 1, -1],
      ["ibs", 1, 512],
      ["obs", 1, 512],
      ["count", 0, Infinity],
      ["seek", 0, 0],
      ["skip", 0, 0],
    ] as const) {
      const v = number(key, min, fallback);
      if (typeof v === "string") {
        await ctx.stderr.write(`${localize(ctx.lang, m.ddInvalidNumber, { value: v })}\n`);
        return 1;
      }
      values[key] = v;
    }
    const bs = values.bs! > 0 ? values.bs! : ops.has("obs") && !ops.has("ibs") ? values.obs! : values.ibs!;
    const flagsOf = async (
      key: string,
      allowed: Set<string>,
      message: typeof m.ddInvalidIflag,
    ): Promise<Set<string> | undefined> => {
      const set = new Set<string>();
      for (const f of (ops.get(key) ?? "").split(",").filter((x) => x !== "")) {
        if (!allowed.has(f)) {
          await usageFail(localize(ctx.lang, message, { value: f }));
          return undefined;
        }
        set.add(f);
      }
      return set;
    };
    const iflag = await flagsOf("iflag", inputFlags, m.ddInvalidIflag);
    if (iflag === undefined) return 1;
    const oflag = await flagsOf("oflag", outputFlags, m.ddInvalidOflag);
    if (oflag === undefined) return 1;
    const conv = await flagsOf("conv", convFlags, m.ddInvalidIflag);
    if (conv === undefined) return 1;
    const status = ops.get("status") ?? "default";
    if (!["default", "none", "noxfer", "progress"].includes(status)) {
      return usageFail(localize(ctx.lang, m.ddInvalidStatus, { value: status }));
    }
    const vfs = ctx.host.vfs;
    const disk = diskOf(ctx);
    const endFor = (path: string | undefined, output: boolean): End => {
      if (path === undefined) return { kind: "stdio", path: output ? "standard output" : "standard input" };
      let node = vfs.tryLookup(path, ctx.cwd);
      if (node === undefined) {
        if (!output) throw new SysError("ENOENT");
        node = vfs.create(path, ctx.cwd);
      }
      if (
        disk !== undefined &&
        node.kind === "blockdev" &&
        node.major === Number(disk.majMin.split(":")[0])
      ) {
        return { kind: "disk", disk, path };
      }
      const direct = output ? oflag.has("direct") : iflag.has("direct");
      // O_DIRECT on a character device (/dev/zero, /dev/null) fails in open(2) with EINVAL.
      if (direct && node.kind === "chardev") throw new SysError("EINVAL");
      return { kind: "node", node, path };
    };
    let input: End;
    let output: End;
    try {
      input = endFor(ops.get("if"), false);
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.stderr.write(
        `${localize(ctx.lang, m.ddFailedOpen, { path: ops.get("if")!, error: strerror(ctx.lang, e.errno) })}\n`,
      );
      return 1;
    }
    try {
      output = endFor(ops.get("of"), true);
    } catch (e) {
      if (!isSysError(e)) throw e;
      await ctx.stderr.write(
        `${localize(ctx.lang, m.ddFailedOpen, { path: ops.get("of")!, error: strerror(ctx.lang, e.errno) })}\n`,
      );
      return 1;
    }
    const skip = values.skip!;
    const seek = values.seek!;
    const count = values.count!;
    if ((input.kind === "disk" || output.kind === "disk") && bs > disk!.bufferBytes) {
      await ctx.stderr.write(
        `${localize(ctx.lang, m.ddMemory, { bytes: bs, human: humanReadable(BigInt(bs), true) })}\n`,
      );
      return 1;
    }
    if (
      output.kind === "node" &&
      output.node.kind === "file" &&
      output.node.data !== undefined &&
      !conv.has("notrunc")
    ) {
      output.node.data.truncate(Math.min(output.node.data.size, seek * bs));
    }
    const stdin =
      input.kind === "stdio" ? new TextEncoder().encode(await readAll(ctx.stdin, 8 << 20)) : undefined;
    const hostClock = ctx.shell.host.clock;
    const vm = disk?.vm;
    // Device work runs on the VM's clock; start it at the host's present.
    if (vm !== undefined && vm.clock.nowUs < hostClock.nowUs) vm.clock.runUntil(hostClock.nowUs);
    const clock = vm?.clock ?? hostClock;
    /** Lets host time catch up with the device work done so far (paced in the page). */
    const catchUp = (): Promise<boolean> => ctx.sleep(Math.max(0, clock.nowUs - hostClock.nowUs));
    const statsBefore = vm?.stats();
    const start = clock.nowUs;
    let fullIn = 0;
    let partialIn = 0;
    let fullOut = 0;
    let partialOut = 0;
    let bytesOut = 0;
    let error: string | undefined;
    let stdout = "";
    const direct = { in: iflag.has("direct"), out: oflag.has("direct") };
    const syncEach = oflag.has("dsync") || oflag.has("sync");
    const mem = disk?.vm.memory;
    let lastYield = clock.nowUs;
    for (let b = 0; b < count; b++) {
      if (ctx.signal.aborted) return 130;
      // Read one block.
      let data: Uint8Array | "zero";
      const inPos = (skip + b) * bs;
      try {
        if (input.kind === "disk") {
          const d = input.disk;
          if (direct.in && bs % sectorBytes !== 0) throw new SysError("EINVAL");
          const n = Math.max(0, Math.min(bs, d.sizeBytes - inPos));
          if (n === 0) break;
          if (n % sectorBytes === 0) {
            d.readSectors(inPos / sectorBytes, n / sectorBytes);
            // A view of the guest's buffer: written out below before the next request reuses it.
            data = mem!.view(d.bufferGpa, n);
          } else data = guestReadBytes(d, inPos, n);
        } else if (input.kind === "stdio") {
          data = stdin!.subarray(Math.min(inPos, stdin!.length), Math.min(inPos + bs, stdin!.length));
          if (data.length === 0) break;
        } else {
          const node = input.node;
          if (node.kind === "chardev" && node.major === 1 && node.minor === 5) data = "zero";
          else {
            const size = readableSize(node);
            data = size !== undefined && inPos >= size ? new Uint8Array(0) : readRange(node, inPos, bs);
            if (data.length === 0) break;
          }
        }
      } catch (e) {
        if (!isSysError(e)) throw e;
        error = localize(ctx.lang, m.ddErrorReading, {
          path: input.path,
          error: strerror(ctx.lang, e.errno),
        });
        break;
      }
      const n = data === "zero" ? bs : data.length;
      if (n === bs) fullIn++;
      else partialIn++;
      // Write it.
      const outPos = seek * bs + bytesOut;
      try {
        if (output.kind === "disk") {
          const d = output.disk;
          if (outPos >= d.sizeBytes) throw new SysError("ENOSPC");
          const fit = Math.min(n, d.sizeBytes - outPos);
          const aligned = outPos % sectorBytes === 0 && fit % sectorBytes === 0;
          if (direct.out && !aligned) throw new SysError("EINVAL");
          if (aligned) {
            if (data === "zero") mem!.fillZero(d.bufferGpa, fit);
            else mem!.write(d.bufferGpa, data.subarray(0, fit));
            d.writeSectors(outPos / sectorBytes, fit / sectorBytes);
          } else {
            guestWriteBytes(d, outPos, data === "zero" ? new Uint8Array(fit) : data.subarray(0, fit));
          }
          if (syncEach) d.flush();
          bytesOut += fit;
          if (fit === bs) fullOut++;
          else partialOut++;
          if (fit < n) throw new SysError("ENOSPC");
        } else if (output.kind === "stdio") {
          stdout += new TextDecoder().decode(data === "zero" ? new Uint8Array(n) : data);
          bytesOut += n;
          if (n === bs) fullOut++;
          else partialOut++;
        } else {
          const node = output.node;
          if (node.kind === "file" && node.data !== undefined) {
            node.data.write(outPos, data === "zero" ? new Uint8Array(n) : data);
            node.mtimeUs = clock.nowUs;
          } else if (node.kind === "file") {
            node.generated.write?.(new TextDecoder().decode(data === "zero" ? new Uint8Array(n) : data));
          } else if (node.kind === "chardev" || node.kind === "blockdev") {
            node.device.write(outPos, data === "zero" ? new Uint8Array(n) : data);
          } else throw new SysError("EISDIR");
          bytesOut += n;
          if (n === bs) fullOut++;
          else partialOut++;
        }
      } catch (e) {
        if (!isSysError(e)) throw e;
        error = localize(ctx.lang, m.ddErrorWriting, {
          path: output.path,
          error: strerror(ctx.lang, e.errno),
        });
        break;
      }
      // Let Ctrl-C and the page in every few simulated milliseconds of device work.
      if (clock.nowUs - lastYield > 2_000 || b % 256 === 255) {
        lastYield = clock.nowUs;
        if (!(await catchUp())) return 130;
      }
    }
    if (error === undefined && output.kind === "disk" && (conv.has("fsync") || conv.has("fdatasync")))
      output.disk.flush();
    if (!(await catchUp())) return 130;
    const elapsed = clock.nowUs - start;
    if (stdout !== "") await ctx.stdout.write(stdout);
    if (vm !== undefined && statsBefore !== undefined && (input.kind === "disk" || output.kind === "disk")) {
      const exits = new Map<string, number>();
      for (const [k, v] of vm.stats()) {
        const d = v - (statsBefore.get(k) ?? 0);
        if (d !== 0) exits.set(k, d);
      }
      ioState(hostOf(ctx)).events.emit("dd", {
        controller: disk!.name === "sda" ? "ide" : "virtio",
        write: output.kind === "disk",
        bytes: bytesOut,
        durationUs: elapsed,
        exits,
      });
    }
    const lines: string[] = [];
    if (error !== undefined) lines.push(error);
    if (status !== "none") {
      lines.push(localize(ctx.lang, m.ddRecordsIn, { full: fullIn, partial: partialIn }));
      lines.push(localize(ctx.lang, m.ddRecordsOut, { full: fullOut, partial: partialOut }));
      if (status !== "noxfer") lines.push(ddBytesLine(bytesOut, elapsed));
    } else if (error !== undefined) {
      // status=none still reports errors.
    }
    if (lines.length > 0) await ctx.stderr.write(`${lines.join("\n")}\n`);
    return error === undefined ? 0 : 1;
  },
};

/** The host the guest's VM belongs to: its events are published there for the page's pictures. */
function hostOf(ctx: CommandContext): Host {
  return guestOf(ctx.shell.host)?.owner ?? ctx.shell.host;
}

export const guestCommands: CommandSpec[] = [dd, lsblk, sync, poweroff];
