/**
 * MMU model throughput in Node: full 4-level walks per second (TLB off, so every translation
 * walks four entries) and TLB-hit translations per second. Run alone: `npx tsx bench/mmu.ts`.
 */
import { performance } from "node:perf_hooks";
import { accessRead, Mmu, splitLinear } from "../sim/src/mmu/mmu";

export function benchMmu(): Promise<{ name: string; value: number; unit: string }[]> {
  const pages = 64;
  const mmu = new Mmu();
  const base = 0x00007f0000000000n;
  const his: number[] = [];
  const los: number[] = [];
  for (let i = 0; i < pages; i++) {
    const va = base + BigInt(i) * 4096n;
    mmu.map(va, 0x100000 + i * 4096, 4096, { user: true, writable: true });
    const { hi, lo } = splitLinear(va);
    his.push(hi);
    los.push(lo);
  }
  const run = (n: number): number => {
    let sink = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const j = i & (pages - 1);
      sink += mmu.translate(his[j]!, los[j]!, accessRead, true);
    }
    const seconds = (performance.now() - t0) / 1000;
    if (sink < 0) throw new Error("translation failed");
    return n / seconds;
  };
  mmu.tlb.enabled = false;
  run(200_000); // warm-up (JIT)
  const walks = run(2_000_000);
  mmu.tlb.enabled = true;
  run(200_000);
  const hits = run(20_000_000);
  return Promise.resolve([
    { name: "mmu full 4-level walks (TLB off)", value: Math.round(walks), unit: "walks/s" },
    { name: "mmu TLB-hit translations", value: Math.round(hits), unit: "translations/s" },
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchMmu()) console.log(`${r.name}: ${r.value.toLocaleString("en-US")} ${r.unit}`);
}
