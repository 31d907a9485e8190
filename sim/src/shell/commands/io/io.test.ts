import { describe, expect, it } from "vitest";
import { testLab } from "../../testing";
import type { ShellLang } from "../../../i18n/catalog";
import { ioEvents } from "../../../scenarios/io";
import { ddBytesLine, formatG, humanReadable, stringGetSize } from "./format";

/** A lab on scenario "io" whose `run` types into whichever shell owns the terminal (host or guest). */
async function ioLab(lang: ShellLang = "en") {
  const t = testLab({ scenario: "io", lang });
  await t.lab.start();
  let mark = t.output().length;
  return {
    lab: t.lab,
    run: async (line: string): Promise<{ out: string; status: number }> => {
      mark = t.output().length;
      const status = await t.lab.active.run(line);
      const all = t.output();
      const out = all.slice(mark);
      mark = all.length;
      return { out, status };
    },
  };
}

/** kvm_stat -1's value column for one event ("%-42s%10d%10d"). */
function statValue(out: string, key: string): number | undefined {
  const line = out.split("\n").find((l) => l.slice(0, 42).trimEnd() === key);
  return line === undefined ? undefined : Number(line.slice(42, 52));
}

const bootIde = "qemu-system-x86_64 -enable-kvm -m 512M -drive file=disk.raw,format=raw,if=ide";
const bootVirtio = "qemu-system-x86_64 -enable-kvm -m 512M -drive file=disk.raw,format=raw,if=virtio";

describe("qemu-system-x86_64 hands the terminal to a guest", () => {
  it("boots, shows the guest prompt and /dev/sda, keeps qemu in ps, and poweroff returns", async () => {
    const { lab, run } = await ioLab();
    const boot = await run(bootIde);
    expect(boot.status).toBe(0);
    // sd.c: "[sda] %llu %d-byte logical blocks: (%s/%s)"; 64 MiB = 131072 sectors = 67.1 MB / 64.0 MiB.
    expect(boot.out).toContain("[sda] 131072 512-byte logical blocks: (67.1 MB/64.0 MiB)");
    expect(lab.active).not.toBe(lab.shell);
    expect(lab.active.prompt()).toBe("root@guest:~# ");
    expect(lab.host.processes.list().some((p) => p.comm === "qemu-system-x86")).toBe(true);
    const ls = await run("lsblk");
    expect(ls.out).toBe("NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINTS\nsda    8:0    0  64M  0 disk \n");
    const off = await run("poweroff");
    expect(off.out).toMatch(/reboot: Power down\n$/);
    expect(lab.active).toBe(lab.shell);
    expect(lab.active.prompt()).toBe("root@kvmhost:~# ");
    expect(lab.host.processes.list().some((p) => p.comm === "qemu-system-x86")).toBe(false);
  });

  it("exit in the guest also returns to the host; virtio shows /dev/vda", async () => {
    const { lab, run } = await ioLab();
    await run(bootVirtio);
    expect((await run("ls /dev/vda")).out).toBe("/dev/vda\n");
    expect((await run("ls /dev/sda")).status).toBe(2);
    await run("exit");
    expect(lab.active).toBe(lab.shell);
  });
});

describe("a guest write lands in the host image through the emulated controller", () => {
  it("IDE: one O_DIRECT sector = 266 exits (7 taskfile writes, status poll, 256 outw, HLT, status)", async () => {
    const { run } = await ioLab();
    await run(bootIde);
    const dd = await run("dd if=/dev/zero of=/dev/sda bs=512 count=1 oflag=direct");
    expect(dd.status).toBe(0);
    const [recIn, recOut, bytes] = dd.out.split("\n");
    expect(recIn).toBe("1+0 records in");
    expect(recOut).toBe("1+0 records out");
    // dd.c: under 1000 bytes there is no "(SI, IEC)" part; the rate is 512 bytes over the modelled time.
    expect(bytes).toMatch(/^512 bytes copied, 0\.00[0-9]+ s, [0-9.]+ kB\/s$/);
    await run("poweroff");
    const stat = await run("kvm_stat -1");
    // devices/ide.test.ts derives the sequence from ATA PIO data-out: 6 register writes + WRITE SECTORS,
    // one Status poll, 256 single-word OUTs (rep outsw re-enters user space per word), HLT, Status read.
    expect(statValue(stat.out, "kvm_exit")).toBe(266);
    expect(statValue(stat.out, "kvm_exit(IO_INSTRUCTION)")).toBe(265);
    expect(statValue(stat.out, "kvm_exit(HLT)")).toBe(1);
    expect(statValue(stat.out, "kvm_userspace_exit(IO)")).toBe(265);
    // kvm_stat batch(): name padded to 42, total and delta in 10 columns each.
    expect(stat.out.split("\n")).toContain(
      `${"kvm_exit".padEnd(42)}${"266".padStart(10)}${"0".padStart(10)}`,
    );
  });

  it("a guest dd takes simulated time on the host's clock too (so the page can play it)", async () => {
    const { lab, run } = await ioLab();
    await run(bootVirtio);
    const before = lab.host.clock.nowUs;
    const dd = await run("dd if=/dev/zero of=/dev/vda bs=64K count=16 oflag=direct");
    const seconds = Number(/copied, ([0-9.]+) s,/.exec(dd.out)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    // dd's own figure (%g of the elapsed time) and the host's clock agree to the digits dd prints.
    const hostSeconds = (lab.host.clock.nowUs - before) / 1e6;
    expect(Math.abs(hostSeconds - seconds) / seconds).toBeLessThan(0.01);
  });

  it("the guest's bytes are in the raw image at sector × 512", async () => {
    const { run } = await ioLab();
    await run(bootIde);
    await run("echo hello > /dev/sda");
    await run("head -c 512 /etc/os-release > /tmp/blk; yes GUESTDATA | head -c 512 > /tmp/blk");
    expect((await run("dd if=/tmp/blk of=/dev/sda bs=512 seek=3 count=1 oflag=direct")).status).toBe(0);
    await run("poweroff");
    const head = await run("hexdump -C disk.raw -s 0 -n 16");
    expect(head.out).toBe(
      "00000000  68 65 6c 6c 6f 0a 00 00  00 00 00 00 00 00 00 00  |hello...........|\n00000010\n",
    );
    // Sector 3 → file offset 1536 = 0x600.
    const sector3 = await run("hexdump -C -s 1536 -n 16 disk.raw");
    expect(sector3.out).toBe(
      "00000600  47 55 45 53 54 44 41 54  41 0a 47 55 45 53 54 44  |GUESTDATA.GUESTD|\n00000610\n",
    );
    const x = await run("xxd -s 0x600 -l 10 disk.raw");
    expect(x.out).toBe("00000600: 4755 4553 5444 4154 410a                 GUESTDATA.\n");
  });

  it("virtio-blk: one notification and one completion HLT per request (2 exits each)", async () => {
    const { run } = await ioLab();
    await run(bootVirtio);
    expect((await run("dd if=/dev/zero of=/dev/vda bs=4096 count=3 oflag=direct")).status).toBe(0);
    await run("poweroff");
    const stat = await run("kvm_stat -1");
    expect(statValue(stat.out, "kvm_exit")).toBe(6);
    expect(statValue(stat.out, "kvm_exit(HLT)")).toBe(3);
    // First touch of the notify page: EPT violation; then EPT misconfig handled by ioeventfd in the kernel.
    expect(statValue(stat.out, "kvm_exit(EPT_VIOLATION)")).toBe(1);
    expect(statValue(stat.out, "kvm_exit(EPT_MISCONFIG)")).toBe(2);
    expect(statValue(stat.out, "kvm_userspace_exit")).toBeUndefined();
  });

  it("qcow2 grows by 64 KiB clusters on first writes to new regions", async () => {
    const { run } = await ioLab();
    // qemu-img create -f qcow2 64M: header, refcount table and block in clusters 0–2, the 8-byte L1 at cluster 3.
    expect((await run("ls -l disk.qcow2")).out).toContain(" 196616 ");
    await run("qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.qcow2,format=qcow2,if=virtio");
    await run("dd if=/dev/zero of=/dev/vda bs=4096 count=1 oflag=direct");
    await run("poweroff");
    // First write: an L2 table (cluster 4) and a data cluster (5) → 6 × 65536.
    expect((await run("ls -l disk.qcow2")).out).toContain(" 393216 ");
    await run("qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.qcow2,format=qcow2,if=virtio");
    // Guest offset 1 MiB is guest cluster 16, same L2 table: one more data cluster (6) → 7 × 65536.
    await run("dd if=/dev/zero of=/dev/vda bs=4096 count=1 seek=256 oflag=direct");
    // Rewriting cluster 0 allocates nothing.
    await run("dd if=/dev/zero of=/dev/vda bs=4096 count=1 oflag=direct");
    await run("poweroff");
    expect((await run("ls -l disk.qcow2")).out).toContain(" 458752 ");
    const info = await run("qemu-img info disk.qcow2");
    expect(info.out).toContain("cluster_size: 65536");
    expect(info.out).toContain("file length: 448 KiB (458752 bytes)");
  });

  it("ls -s and du show allocated blocks, --apparent-size the length", async () => {
    const { run } = await ioLab();
    // A fresh raw image: ftruncate plus the first 4 KiB block written by QEMU.
    expect((await run("du disk.raw")).out).toBe("4\tdisk.raw\n");
    expect((await run("du --apparent-size -h disk.raw")).out).toBe("64M\tdisk.raw\n");
    await run(bootIde);
    await run("dd if=/dev/zero of=/dev/sda bs=64K count=2 seek=1 oflag=direct");
    await run("poweroff");
    // 128 KiB written at 64 KiB: 32 more 4 KiB blocks.
    expect((await run("du disk.raw")).out).toBe("132\tdisk.raw\n");
    expect((await run("ls -s disk.raw")).out).toBe("132 disk.raw\n");
  });
});

describe("tracing through /sys/kernel/tracing", () => {
  it("records kvm_exit, kvm_pio, kvm_userspace_exit once events/kvm/enable is 1, and echo > trace clears", async () => {
    const { run } = await ioLab();
    expect((await run("cat /sys/kernel/tracing/events/kvm/enable")).out).toBe("0\n");
    expect((await run("echo 1 > /sys/kernel/tracing/events/kvm/enable")).status).toBe(0);
    await run(bootIde);
    await run("dd if=/dev/zero of=/dev/sda bs=512 count=1 oflag=direct");
    await run("poweroff");
    const trace = (await run("cat /sys/kernel/tracing/trace")).out;
    const lines = trace.split("\n").filter((l) => !l.startsWith("#") && l !== "");
    // Each of the 265 port exits: kvm_exit, kvm_pio, kvm_userspace_exit, kvm_entry; plus the HLT path.
    expect(lines.filter((l) => l.includes(": kvm_exit: ")).length).toBe(266);
    expect(lines.filter((l) => l.includes(": kvm_pio: ")).length).toBe(265);
    expect(lines.some((l) => / kvm_pio: pio_write at 0x1f7 size 1 count 1 val 0x30 $/.test(l))).toBe(true);
    expect(lines.some((l) => l.endsWith("kvm_userspace_exit: reason KVM_EXIT_IO (2)"))).toBe(true);
    expect(trace).toContain(`# entries-in-buffer/entries-written: ${lines.length}/${lines.length}   #P:4`);
    await run("echo > /sys/kernel/tracing/trace");
    expect((await run("cat /sys/kernel/tracing/trace")).out).toContain(
      "entries-in-buffer/entries-written: 0/0",
    );
    const bad = await run("echo 2 > /sys/kernel/tracing/events/kvm/enable");
    expect(bad.out).toBe("bash: echo: write error: Invalid argument\n");
    expect(bad.status).toBe(1);
  });

  it("tracing_on 0 stops recording", async () => {
    const { run } = await ioLab();
    await run("echo 1 > /sys/kernel/tracing/events/kvm/enable; echo 0 > /sys/kernel/tracing/tracing_on");
    await run(bootVirtio);
    await run("dd if=/dev/zero of=/dev/vda bs=4096 count=1 oflag=direct");
    await run("poweroff");
    expect((await run("cat /sys/kernel/tracing/trace")).out).toContain(
      "entries-in-buffer/entries-written: 0/0",
    );
  });
});

describe("bad arguments answer like the real tools", () => {
  it("qemu-img", async () => {
    const { run } = await ioLab();
    expect(await run("qemu-img")).toEqual({
      out: "qemu-img: Not enough arguments\nTry 'qemu-img --help' for more information\n",
      status: 1,
    });
    expect(await run("qemu-img create -f vmdk x.img 1G")).toEqual({
      out: "qemu-img: Unknown file format 'vmdk'\n",
      status: 1,
    });
    const size = await run("qemu-img create -f raw x.img 12Q");
    expect(size.out).toBe(
      "qemu-img: Invalid image size specified. You may use k, M, G, T, P or E suffixes for\nqemu-img: kilobytes, megabytes, gigabytes, terabytes, petabytes and exabytes.\n",
    );
    expect(size.status).toBe(1);
    expect((await run("qemu-img info nope.img")).out).toBe(
      "qemu-img: Could not open 'nope.img': Could not open 'nope.img': No such file or directory\n",
    );
    expect((await run("qemu-img frobnicate")).status).toBe(1);
    const ok = await run("qemu-img create -f qcow2 new.qcow2 1G");
    expect(ok.out).toBe(
      "Formatting 'new.qcow2', fmt=qcow2 cluster_size=65536 extended_l2=off compression_type=zlib size=1073741824 lazy_refcounts=off refcount_bits=16\n",
    );
    // qcow2.txt: one L2 table maps 65536 / 8 = 8192 clusters = 512 MiB, so 1 GiB needs 2 L1 entries;
    // the file ends right after them at cluster 3: 3 × 65536 + 2 × 8.
    expect((await run("ls -l new.qcow2")).out).toContain(" 196624 ");
  });

  it("qemu-system-x86_64", async () => {
    const { lab, run } = await ioLab();
    const p = "qemu-system-x86_64";
    expect(await run(`${p} -enable-kvm -drive file=nope.raw,format=raw`)).toEqual({
      out: `${p}: -drive file=nope.raw,format=raw: Could not open 'nope.raw': No such file or directory\n`,
      status: 1,
    });
    expect((await run(`${p} -enable-kvm -drive file=disk.raw,format=vdi`)).out).toBe(
      `${p}: -drive file=disk.raw,format=vdi: 'vdi' invalid format\n`,
    );
    expect((await run(`${p} -enable-kvm -drive file=disk.raw,if=usb`)).out).toBe(
      `${p}: -drive file=disk.raw,if=usb: unsupported bus type 'usb'\n`,
    );
    expect((await run(`${p} -enable-kvm -drive file=disk.raw,format=qcow2`)).out).toBe(
      `${p}: -drive file=disk.raw,format=qcow2: Image is not in qcow2 format\n`,
    );
    expect((await run(`${p} -enable-kvm -drive file=disk.raw,format=raw,speed=9`)).out).toBe(
      `${p}: -drive file=disk.raw,format=raw,speed=9: Block format 'raw' does not support the option 'speed'\n`,
    );
    expect((await run(`${p} -fast`)).out).toBe(`${p}: -fast: invalid option\n`);
    expect((await run(`${p} -m`)).out).toBe(`${p}: -m: requires an argument\n`);
    expect((await run(`${p} -m lots -enable-kvm`)).out).toContain(
      `${p}: -m lots: Parameter 'size' expects a non-negative number below 2^64\n`,
    );
    const tcg = await run(`${p} -m 512M -drive file=disk.raw,format=raw`);
    expect(tcg.status).toBe(1);
    expect(tcg.out).toContain("-enable-kvm");
    // Probing a raw image warns, and still boots.
    const probed = await run(`${p} -enable-kvm -drive file=disk.raw`);
    expect(probed.out).toContain(
      `${p}: warning: Image format was not specified for 'disk.raw' and probing guessed raw.\n`,
    );
    expect(lab.active).not.toBe(lab.shell);
  });

  it("dd, hexdump, kvm_stat", async () => {
    const { run } = await ioLab();
    await run(bootIde);
    expect(await run("dd if=/dev/zero of=/dev/sda bs=1K count=1 speed=fast")).toEqual({
      out: "dd: unrecognized operand 'speed=fast'\nTry 'dd --help' for more information.\n",
      status: 1,
    });
    expect(await run("dd if=/dev/zero of=/dev/sda bs=0")).toEqual({
      out: "dd: invalid number: '0'\n",
      status: 1,
    });
    expect((await run("dd if=/dev/zero of=/dev/sda oflag=turbo")).out).toBe(
      "dd: invalid output flag: 'turbo'\nTry 'dd --help' for more information.\n",
    );
    expect((await run("dd if=/nope of=/dev/null")).out).toBe(
      "dd: failed to open '/nope': No such file or directory\n",
    );
    // O_DIRECT on /dev/zero fails in open(2).
    expect((await run("dd if=/dev/zero iflag=direct of=/dev/sda count=1")).out).toBe(
      "dd: failed to open '/dev/zero': Invalid argument\n",
    );
    // An O_DIRECT write must be sector-aligned.
    const unaligned = await run("dd if=/dev/zero of=/dev/sda bs=100 count=1 oflag=direct");
    expect(unaligned.status).toBe(1);
    expect(unaligned.out.split("\n").slice(0, 3)).toEqual([
      "dd: error writing '/dev/sda': Invalid argument",
      "1+0 records in",
      "0+0 records out",
    ]);
    // Past the end of the 64 MiB disk: ENOSPC after the blocks that fit.
    const full = await run("dd if=/dev/zero of=/dev/sda bs=1M seek=63 count=2 oflag=direct");
    expect(full.out.split("\n").slice(0, 3)).toEqual([
      "dd: error writing '/dev/sda': No space left on device",
      "2+0 records in",
      "1+0 records out",
    ]);
    await run("poweroff");
    expect(await run("hexdump -C -s lots disk.raw")).toEqual({
      out: "hexdump: failed to parse offset: 'lots'\n",
      status: 1,
    });
    expect(await run("hexdump -C nope.raw")).toEqual({
      out: "hexdump: nope.raw: No such file or directory\nhexdump: all input file arguments failed\n",
      status: 1,
    });
    expect((await run("kvm_stat -x")).status).toBe(2);
    expect((await run("kvm_stat -x")).out).toContain("kvm_stat: error: unrecognized arguments: -x");
    expect((await run("kvm_stat")).status).toBe(1);
  });
});

describe("Korean", () => {
  it("dd's record counts and the simulator's notes are translated; QEMU stays English", async () => {
    const { run } = await ioLab("ko");
    const tcg = await run("qemu-system-x86_64 -drive file=disk.raw,format=raw");
    expect(tcg.out).toContain("KVM만 시뮬레이션합니다");
    await run(bootIde);
    const dd = await run("dd if=/dev/zero of=/dev/sda bs=512 count=2 oflag=direct");
    expect(dd.out.split("\n").slice(0, 2)).toEqual(["2+0 레코드 들어옴", "2+0 레코드 나감"]);
    expect((await run("dd if=/dev/zero of=/dev/sda bs=512 count=1 speed=1")).out).toBe(
      "dd: 알 수 없는 피연산자 'speed=1'\n자세한 내용은 'dd --help'를 실행해 보세요.\n",
    );
    await run("poweroff");
    expect((await run("hexdump -C -n zz disk.raw")).out).toBe("hexdump: 길이를 해석하지 못했습니다: 'zz'\n");
  });
});

describe("events for the page's picture", () => {
  it("publishes the guest's start and stop and each dd's exits", async () => {
    const { lab, run } = await ioLab();
    const seen: string[] = [];
    const bus = ioEvents(lab.host);
    bus.on("vm", (e) => seen.push(e.guest === undefined ? "off" : `on:${e.guest.controller}`));
    bus.on("dd", (e) => seen.push(`dd:${e.controller}:${e.bytes}:${e.exits.get("kvm_exit") ?? 0}`));
    await run(bootVirtio);
    await run("dd if=/dev/zero of=/dev/vda bs=4096 count=1 oflag=direct");
    await run("poweroff");
    expect(seen).toEqual(["on:virtio", "dd:virtio:4096:2", "off"]);
  });
});

describe("output formats", () => {
  it("gnulib human_readable as dd uses it", () => {
    expect(humanReadable(1024n, false)).toBe("1.0 kB");
    expect(humanReadable(1024n, true)).toBe("1.0 KiB");
    expect(humanReadable(1073741824n, false)).toBe("1.1 GB");
    expect(humanReadable(1073741824n, true)).toBe("1.0 GiB");
    expect(humanReadable(999n, false)).toBe("999 B");
    // Rates (floating path): one decimal below 100, none from 100 on.
    expect(humanReadable(31100764160n, false, 1_000_000_000n, 1_152_290_000_000n)).toBe("27.0 MB");
    expect(humanReadable(1073741824n, false, 1_000_000_000n, 2_545_150_000n)).toBe("422 MB");
  });

  it("dd's byte line and %g", () => {
    // Real runs quoted in coreutils users' transcripts.
    expect(ddBytesLine(1073741824, 2_545_150)).toBe(
      "1073741824 bytes (1.1 GB, 1.0 GiB) copied, 2.54515 s, 422 MB/s",
    );
    expect(ddBytesLine(64, 566)).toBe("64 bytes copied, 0.000566 s, 113 kB/s");
    expect(ddBytesLine(1, 1_000_000)).toBe("1 byte copied, 1 s, 1 B/s");
    expect(ddBytesLine(1000, 1_000_000)).toBe("1000 bytes (1.0 kB) copied, 1 s, 1.0 kB/s");
    expect(formatG(0.000012)).toBe("1.2e-05");
  });

  it("string_get_size as sd and virtio_blk print capacities", () => {
    expect(stringGetSize(67108864, 10)).toBe("67.1 MB");
    expect(stringGetSize(67108864, 2)).toBe("64.0 MiB");
    expect(stringGetSize(1073741824, 10)).toBe("1.07 GB");
  });
});

describe("dd on the host", () => {
  it("copies between ordinary files with the same summary", async () => {
    const { run } = await ioLab();
    const r = await run("dd if=/dev/zero of=/tmp/z bs=1K count=3");
    expect(r.out.split("\n").slice(0, 2)).toEqual(["3+0 records in", "3+0 records out"]);
    expect((await run("ls -l /tmp/z")).out).toContain(" 3072 ");
  });
});
