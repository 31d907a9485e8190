import { describe, expect, it } from "vitest";
import { testLab } from "../../testing";
import { mmuOf } from "../../../scenarios/mmu";
import type { WalkTrace } from "../../../mmu/types";

// The scenario "mmu": guest RAM 64 MiB at host-physical 4 GiB (0x100000000), 4-level paging,
// a sleeping pagedemo process (pid 1000) whose pages are mapped from guest-physical 16 MiB up.

function lines(out: string): string[] {
  return out.split("\n").filter((l) => l !== "");
}

/** Numbered (hardware) reference lines of a walk's output. */
function refLines(out: string): string[] {
  return lines(out).filter((l) => /^\s*\d+\s{2}\S/.test(l));
}

describe("mmu walk: the issue's worked translation (SDM Vol. 3A §4.5)", () => {
  it("native: 4 references with indices 254/72/418/359, then 0x200abc", async () => {
    const { run } = testLab({ scenario: "mmu" });
    expect((await run("mmu map 0x7f1234567000 0x200000 --flags rw,user")).status).toBe(0);
    const r = await run("mmu walk 0x7f1234567abc --user");
    expect(r.status).toBe(0);
    // 0x7f1234567abc: bits 47:39 = 254, 38:30 = 72, 29:21 = 418, 20:12 = 359, offset 0xabc.
    const refs = refLines(r.out);
    expect(refs.map((l) => l.split(/\s+/).slice(1, 5))).toEqual([
      ["1", "native", "PML4", "254"],
      ["2", "native", "PDPT", "72"],
      ["3", "native", "PD", "418"],
      ["4", "native", "PT", "359"],
    ]);
    const out = lines(r.out);
    // The PT entry holds 0x200000 | P | RW | US (0x7); after the walk A is set too (0x27).
    expect(refs[3]).toMatch(/0x0000000000200007$/);
    expect(out.at(-2)).toBe("physical address: 0x200abc (4K page)");
    expect(out.at(-1)).toBe("page-table references: 4");
    // Second time: a TLB hit, no reference.
    const again = lines((await run("mmu walk 0x7f1234567abc --user")).out);
    expect(again[0]).toMatch(/^TLB hit/);
    expect(again.at(-1)).toBe("page-table references: 0");
  });

  it("nested: a cold walk makes (4+1)(4+1)−1 = 24 references; 5-on-5 makes 35, 5-on-4 makes 29", async () => {
    const { run } = testLab({ scenario: "mmu" });
    await run("mmu mode nested");
    await run("mmu map 0x7f1234567000 0x200000 --flags rw,user");
    const cold = await run("mmu walk 0x7f1234567abc --user");
    const refs = refLines(cold.out);
    expect(refs).toHaveLength(24);
    // Each guest level's entry is preceded by the 4 EPT references that translate its table's gPA.
    expect(refs.map((l) => l.split(/\s+/)[2])).toEqual([
      ...["ept>PML4", "ept>PML4", "ept>PML4", "ept>PML4", "guest"],
      ...["ept>PDPT", "ept>PDPT", "ept>PDPT", "ept>PDPT", "guest"],
      ...["ept>PD", "ept>PD", "ept>PD", "ept>PD", "guest"],
      ...["ept>PT", "ept>PT", "ept>PT", "ept>PT", "guest"],
      ...["ept>page", "ept>page", "ept>page", "ept>page"],
    ]);
    // Guest RAM sits at host-physical 0x100000000 under the hypervisor's default EPT map.
    expect(lines(cold.out)).toContain("physical address: 0x100200abc (guest-physical 0x200abc, 4K page)");
    expect(lines(cold.out).at(-1)).toBe("page-table references: 24");
    await run("mmu levels 5");
    await run("mmu ept levels 5");
    expect(lines((await run("mmu walk 0x7f1234567abc --user")).out).at(-1)).toBe("page-table references: 35");
    await run("mmu ept levels 4");
    // n = 5 guest levels, m = 4 EPT levels: (5+1)(4+1)−1 = 29.
    expect(lines((await run("mmu walk 0x7f1234567abc --user")).out).at(-1)).toBe("page-table references: 29");
  });

  it("a 2 MiB guest page removes the guest PT level: 3×5 + 4 = 19 references in nested mode", async () => {
    const { run } = testLab({ scenario: "mmu" });
    await run("mmu mode nested");
    expect((await run("mmu map 0x40000000 0x400000 --size 2m --flags rw")).status).toBe(0);
    const out = lines((await run("mmu walk 0x40123456")).out);
    expect(out).toContain("physical address: 0x100523456 (guest-physical 0x523456, 2M page)");
    expect(out.at(-1)).toBe("page-table references: 19");
  });
});

describe("fault lines (SDM Vol. 3A §4.7, Vol. 3C §29.3.3)", () => {
  it("#PF with the architectural error code and CR2", async () => {
    const { run } = testLab({ scenario: "mmu" });
    // Nothing mapped at 0x1000: P = 0; a user (bit 2) write (bit 1): 0x6.
    expect(lines((await run("mmu walk 0x1000 --user --access write")).out)).toContain(
      "#PF error code 0x6 (not-present page, user write), CR2 0x1000",
    );
    // A read-only user page written from user mode: P | W | U = 0x7.
    await run("mmu map 0x2000 0x2000 --flags user");
    expect(lines((await run("mmu walk 0x2008 --user --access write")).out)).toContain(
      "#PF error code 0x7 (protection violation, user write), CR2 0x2008",
    );
    // A user fetch from an NX page: P | U | I/D (bit 4) = 0x15.
    await run("mmu map 0x3000 0x3000 --flags rw,user,nx");
    expect(lines((await run("mmu walk 0x3000 --user --access exec")).out)).toContain(
      "#PF error code 0x15 (protection violation, user instruction fetch), CR2 0x3000",
    );
  });

  it("#GP(0) for a non-canonical address, with no reference", async () => {
    const { run } = testLab({ scenario: "mmu" });
    // Under 4-level paging bits 63:47 must all equal bit 47; 0x800000000000 has bit 47 set only.
    const out = lines((await run("mmu walk 0x800000000000")).out);
    expect(out[0]).toMatch(/^#GP\(0\)/);
    expect(out.at(-1)).toBe("page-table references: 0");
  });

  it("EPT violation (exit 48) with its qualification, and EPT misconfiguration (exit 49)", async () => {
    const { run } = testLab({ scenario: "mmu" });
    await run("mmu mode nested");
    await run("mmu map 0x5000 0x5000 --flags rw,user");
    expect((await run("mmu ept map 0x5000 0x100005000 --perm r")).status).toBe(0);
    // Table 28-7: write (bit 1) | readable (3) | linear valid (7) | final translation (8) |
    // user linear (9) | writable linear (10) = 0x2 + 0x8 + 0x80 + 0x100 + 0x200 + 0x400 = 0x78a.
    const v = lines((await run("mmu walk 0x5008 --user --access write")).out);
    expect(v).toContain("EPT violation (exit reason 48), qualification 0x78a");
    expect(v).toContain("  guest-physical 0x5008, guest-linear 0x5008");
    // §29.3.3.1: write permission without read is a misconfiguration.
    await run("mmu map 0x7000 0x7000 --flags rw");
    await run("mmu ept map 0x7000 0x100007000 --perm w");
    expect(lines((await run("mmu walk 0x7000")).out)).toContain(
      "EPT misconfiguration (exit reason 49), guest-physical 0x7000",
    );
    const stats = (await run("mmu stats")).out;
    expect(stats).toMatch(/ 48 EPT violation\s+1\n/);
    expect(stats).toMatch(/ 49 EPT misconfiguration\s+1\n/);
  });
});

describe("mmu stats after a shadow-paging sequence", () => {
  it("counts VM exits by reason: #PF fills (0), MOV to CR3 (28), INVLPG (14)", async () => {
    const { run } = testLab({ scenario: "mmu" });
    await run("mmu mode shadow"); // resets the counters
    // The demo's first heap page is mapped by the guest. The shadow root is empty: the hardware
    // walk reads 1 shadow entry, #PF exits (reason 0), the hypervisor reads the 4 guest entries
    // in software, fills the shadow path, and the retried walk reads 4 shadow entries.
    const first = await run("mmu walk 0x1e5f000 --user");
    expect(first.out).toContain("VM exit: reason 0 (#PF): filled shadow entry");
    expect(lines(first.out).slice(-2)).toEqual(["page-table references: 5", "hypervisor software reads: 4"]);
    const cr3 = /CR3: (0x[0-9a-f]+)/.exec((await run("mmu cr3")).out)![1]!;
    expect((await run(`mmu cr3 ${cr3}`)).out).toContain("VM exit: reason 28 (MOV to CR3)");
    expect((await run("mmu invlpg 0x1e5f000")).out).toContain("VM exit: reason 14 (INVLPG)");
    // The shadow leaf was zapped: 4 shadow reads reach the empty PTE, exit, 4 software reads, 4 again.
    const refill = lines((await run("mmu walk 0x1e5f000 --user")).out);
    expect(refill.slice(-2)).toEqual(["page-table references: 8", "hypervisor software reads: 4"]);
    const stats = lines((await run("mmu stats")).out);
    expect(stats).toContain(`${"page-table references".padEnd(28)}${"13".padStart(8)}`);
    expect(stats).toContain(`${"hypervisor software reads".padEnd(28)}${"8".padStart(8)}`);
    expect(stats).toContain(`${"VM exits".padEnd(28)}${"4".padStart(8)}`);
    expect(stats).toContain(`${"   0 exception or NMI".padEnd(28)}${"2".padStart(8)}`);
    expect(stats).toContain(`${"  14 INVLPG".padEnd(28)}${"1".padStart(8)}`);
    expect(stats).toContain(`${"  28 control-register access".padEnd(28)}${"1".padStart(8)}`);
  });
});

describe("mmu compare: the same workload in three modes", () => {
  it("prints one row per mode with counts that follow the workload's structure", async () => {
    const { run } = testLab({ scenario: "mmu" });
    const r = await run("mmu compare --pages 8 --rounds 2");
    expect(r.status).toBe(0);
    const rows = new Map(
      lines(r.out)
        .filter((l) => /^(native|shadow|nested) /.test(l))
        .map((l) => {
          const [mode, ...cols] = l.split(/\s+/);
          return [mode!, cols] as const;
        }),
    );
    const native = rows.get("native")!;
    const nested = rows.get("nested")!;
    const shadow = rows.get("shadow")!;
    // Columns: walks refs hv-reads TLB-hits misses #PF exits by-reason.
    // Every native walk reads 4 entries and every nested one 24: same walks, 6 × the references.
    expect(Number(native[1])).toBe(4 * Number(native[0]));
    expect(nested[0]).toBe(native[0]);
    expect(Number(nested[1])).toBe(24 * Number(nested[0]));
    // Copy-on-write faults happen once per page (round 1): 8 #PF in every mode.
    expect([native[5], shadow[5], nested[5]]).toEqual(["8", "8", "8"]);
    // No exits without shadow paging. Shadow: MOV to CR3 = 1 (child) + 2 per round = 5;
    // INVLPG = 8 (fork write-protects the parent's PTEs) + 8 (each CoW replaces a present PTE) = 16.
    expect(native[6]).toBe("0");
    expect(nested[6]).toBe("0");
    expect(shadow.slice(7).join(" ")).toMatch(/^0:\d+ 14:16 28:5$/);
  });
});

describe("guest-side view: /proc/PID/maps and pagemap", () => {
  it("maps lists the demo's regions in show_map_vma's format", async () => {
    const { run } = testLab({ scenario: "mmu" });
    expect((await run("ps -e")).out).toMatch(/ 1000 .* pagedemo\n/);
    const maps = (await run("cat /proc/1000/maps")).out.split("\n");
    const ino = /^(\S+ ){4}(\d+)/.exec(maps[0]!)![2];
    // Named regions: the prefix padded to 72 columns, a space, the name at column 73.
    expect(maps[0]).toBe(`${`00400000-00452000 r-xp 00000000 08:01 ${ino} `.padEnd(72)} /usr/bin/pagedemo`);
    expect(maps[0]!.indexOf("/usr/bin")).toBe(73);
    expect(maps).toContain(`${"01e5f000-01e80000 rw-p 00000000 00:00 0 ".padEnd(72)} [heap]`);
    // An anonymous region ends with the space after the inode.
    expect(maps).toContain("7f3a1c000000-7f3a1c010000 rw-p 00000000 00:00 0 ");
    // A user mapping made with `mmu map` outside every region shows as an anonymous one.
    await run("mmu map 0x7f1234567000 0x200000 --flags rw,user,nx");
    expect((await run("cat /proc/1000/maps")).out).toContain(
      "7f1234567000-7f1234568000 rw-p 00000000 00:00 0 \n",
    );
    // pagedemo prints its own /proc/self/maps: the same address space.
    expect((await run("pagedemo")).out).toBe((await run("cat /proc/1000/maps")).out);
  });

  it("pagemap entries carry PFN, present, exclusive, file and soft-dirty bits", async () => {
    const { run } = testLab({ scenario: "mmu" });
    // Demo frames from 16 MiB (PFN 0x1000): 2 text, 1 relro, 1 data, then the heap at PFN 0x1004.
    // Present (63) | exclusive (56) | soft-dirty (55) | PFN = 0x8180000000001004.
    const heap = lines((await run("pagemap 1000 0x1e5f123")).out)[1]!;
    expect(heap.split(/\s+/).slice(0, 2)).toEqual(["0x000001e5f000", "0x8180000000001004"]);
    // The text page is file-backed: + bit 61 = 0xa180000000001000.
    expect((await run("pagemap 1000 0x400000")).out).toContain("0xa180000000001000");
    // Untouched heap page: only soft-dirty (a new VMA has VM_SOFTDIRTY); outside any region: 0.
    expect((await run("pagemap 1000 0x1e70000")).out).toContain("0x0080000000000000");
    expect((await run("pagemap 1000 0x900000")).out).toContain("0x0000000000000000");
    // Unmapping the heap page (munmap-like) leaves it not present.
    await run("mmu unmap 0x1e5f000");
    expect((await run("pagemap 1000 0x1e5f000")).out).toContain("0x0080000000000000");
    // Without addresses: every present page (the demo touched 13; one is now gone).
    expect(lines((await run("pagemap 1000")).out)).toHaveLength(1 + 12);
  });
});

describe("bad input: every subcommand answers with a message and a status, never an exception", () => {
  const cases: [string, number, RegExp][] = [
    ["mmu frob", 2, /^mmu: unknown subcommand 'frob'\nTry 'mmu --help'/],
    ["mmu --bogus", 2, /unrecognized option '--bogus'/],
    ["mmu mode warp", 2, /^mmu mode: invalid argument 'warp' \(valid: native, shadow, nested\)/],
    ["mmu mode native shadow", 2, /extra operand 'shadow'/],
    ["mmu levels 3", 2, /invalid argument '3'/],
    ["mmu cr3 0x1001", 1, /PA 0x1001 is not a multiple of the 4K page size/],
    ["mmu cr3 0x8000000", 1, /outside guest RAM/],
    ["mmu cr3 12q", 2, /invalid number '12q'/],
    ["mmu write 0x1000", 2, /^mmu write: missing operand\nUsage: mmu write PA VALUE/],
    ["mmu write 0x1004 1", 1, /8-byte aligned/],
    ["mmu write 0x1000 0x1_0000_0000_0000_0000", 2, /invalid number/],
    ["mmu read", 2, /missing operand/],
    ["mmu read 0xfffffffffffff8", 1, /above MAXPHYADDR/],
    ["mmu map 0x1000", 2, /missing operand/],
    ["mmu map 0x1001 0x1000", 1, /VA 0x1001 is not a multiple of the 4K page size/],
    ["mmu map 0x200000 0x1000 --size 2m", 1, /PA 0x1000 is not a multiple of the 2M page size/],
    ["mmu map 0x1000 0x1000 --size 3k", 2, /invalid argument '3k' \(valid: 4k, 2m, 1g\)/],
    ["mmu map 0x1000 0x1000 --flags rw,exec", 2, /unknown page flag 'exec'/],
    ["mmu map 0x1000 0x1000 --flags", 2, /option '--flags' requires an argument/],
    ["mmu map 0x800000000000 0x1000", 1, /not canonical under 4-level paging/],
    ["mmu map 0x1000 0x4000000", 1, /outside guest RAM/],
    ["mmu unmap 0x9000", 1, /0x9000: not mapped/],
    ["mmu unmap", 2, /missing operand/],
    ["mmu walk", 2, /^mmu walk: missing operand\nUsage: mmu walk VA/],
    ["mmu walk 0xzz", 2, /^mmu walk: invalid number '0xzz'/],
    ["mmu walk 0x1000 --access fly", 2, /invalid argument 'fly'/],
    ["mmu walk 0x1000 --user --kernel", 2, /invalid argument '--user --kernel'/],
    ["mmu walk 0x1000 --size 4k", 2, /unrecognized option '--size'/],
    ["mmu tlb purge", 2, /invalid argument 'purge' \(valid: show, flush\)/],
    ["mmu invlpg", 2, /missing operand/],
    ["mmu invlpg 0x800000000000", 1, /not canonical/],
    ["mmu ept frob", 2, /invalid argument 'frob' \(valid: map, levels\)/],
    ["mmu ept levels 6", 2, /invalid argument '6'/],
    ["mmu ept map 0x1000", 2, /missing operand/],
    ["mmu ept map 0x1000 0x1000 --perm rq", 2, /invalid EPT permissions 'rq'/],
    ["mmu ept map 0x1000 0x1001", 1, /HPA 0x1001 is not a multiple/],
    ["mmu ept map 0x1000 0x1000 --memtype 9", 2, /out of range \(0 to 7\)/],
    ["mmu stats now", 2, /extra operand 'now'/],
    ["mmu compare --pages 0", 2, /out of range \(1 to 512\)/],
    ["mmu reset now", 2, /extra operand/],
    ["pagemap", 2, /pagemap: missing operand/],
    ["pagemap x", 2, /invalid process ID 'x'/],
    ["pagemap 99999", 1, /pagemap: 99999: No such process/],
    ["pagemap 1 0x1000", 1, /no simulated address space/],
    ["pagemap 1000 0xq", 2, /invalid address '0xq'/],
  ];
  it.each(cases)("%s → status %i", async (line, status, message) => {
    const { run } = testLab({ scenario: "mmu" });
    const r = await run(line);
    expect(r.status).toBe(status);
    expect(r.out).toMatch(message);
    expect(r.out).not.toMatch(/internal error/);
  });

  it("numbers accept 0x hex, decimal and '_' separators", async () => {
    const { run } = testLab({ scenario: "mmu" });
    // 0x7f1234567abc = 139716164221628; 2097152 = 0x200000.
    await run("mmu map 0x7f12_3456_7000 2097152 --flags rw,user");
    expect((await run("mmu walk 139_716_164_221_628 --user")).out).toContain(
      "physical address: 0x200abc (4K page)",
    );
  });

  it("speaks Korean in errors and help, keeps tool output as it is", async () => {
    const { run } = testLab({ scenario: "mmu", lang: "ko" });
    expect((await run("mmu walk")).out).toBe(
      "mmu walk: 피연산자가 없습니다\n사용법: mmu walk VA [--access read|write|exec] [--user|--kernel]\n",
    );
    expect((await run("mmu walk 0xzz")).out).toMatch(/^mmu walk: 잘못된 숫자입니다: '0xzz'/);
    expect((await run("mmu map 0x800000000000 0x1000")).out).toMatch(/정규\(canonical\) 주소가 아닙니다/);
    expect((await run("mmu --help")).out).toMatch(
      /하위 명령:\n {2}mmu mode \[native\|shadow\|nested\]\n {6}게스트 페이징/,
    );
    expect((await run("mmu walk --help")).out).toMatch(/^사용법: mmu walk VA/);
    expect((await run("mmu walk 0x800000000000")).out).toMatch(/^#GP\(0\)/);
  });
});

describe("one MMU per host, and its events", () => {
  it("mmuOf finds the host's MMU; walks emit on mmu.events; mmu reset keeps the bus", async () => {
    const { lab, run } = testLab({ scenario: "mmu" });
    const mmu = mmuOf(lab.host)!;
    const walks: WalkTrace[] = [];
    let resets = 0;
    mmu.events.on("walk", (t) => walks.push(t));
    mmu.events.on("reset", () => resets++);
    await run("mmu map 0x7f1234567000 0x200000 --flags rw,user");
    await run("mmu walk 0x7f1234567abc --user");
    expect(walks).toHaveLength(1);
    expect(walks[0]!.pageTableReferences).toBe(4);
    await run("mmu reset");
    expect(resets).toBe(1);
    const fresh = mmuOf(lab.host)!;
    expect(fresh).not.toBe(mmu);
    expect(fresh.events).toBe(mmu.events);
    // The reset MMU no longer has the mapping: the walk faults, and still reaches the listener.
    expect((await run("mmu walk 0x7f1234567abc --user")).out).toContain("#PF error code 0x4");
    expect(walks).toHaveLength(2);
    // The demo process's pages are mapped again.
    expect((await run("pagemap 1000 0x1e5f000")).out).toContain("0x8180000000001004");
  });

  it("the shell's reset builds a new host with a new MMU; other scenarios have none", async () => {
    const { lab, run } = testLab({ scenario: "mmu" });
    const before = mmuOf(lab.host);
    await run("mmu mode nested");
    await run("reset");
    expect(mmuOf(lab.host)).toBeDefined();
    expect(mmuOf(lab.host)).not.toBe(before);
    expect((await run("mmu mode")).out).toBe("mode: native (guest 4-level paging)\n");
    expect(mmuOf(testLab().lab.host)).toBeUndefined();
  });
});
