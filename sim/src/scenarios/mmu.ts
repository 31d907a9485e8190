/**
 * The page-table walk simulator's scenario: a host with an x86-64 MMU model (sim/src/mmu), the
 * `mmu`, `pagemap` and `pagedemo` commands, and a sleeping demo process whose address space is
 * the model's page tables (/proc/PID/maps, pagemap).
 */
import { defineScenario } from "../host/scenarios";
import { mmuCommand } from "../shell/commands/mmu/mmu";
import { pagedemo, pagemap } from "../shell/commands/mmu/pagemap";
import { mountProcViews } from "../shell/commands/mmu/procview";
import { attachMmu, mmuOf } from "../shell/commands/mmu/state";

export { mmuOf, mmuLabOf } from "../shell/commands/mmu/state";

export const mmuScenario = defineScenario({
  name: "mmu",
  title: {
    en: "A host with an x86-64 MMU: page walks, TLB, shadow paging and EPT",
    ko: "x86-64 MMU가 있는 호스트: 페이지 워크, TLB, 섀도 페이징, EPT",
  },
  setup(host, registry) {
    attachMmu(host);
    mountProcViews(host);
    registry.add(mmuCommand, pagemap, pagedemo);
  },
  milestones: [
    {
      id: "mmu.walk",
      title: { en: "A full page walk (a TLB miss)", ko: "TLB 미스로 페이지 워크를 끝까지 수행했습니다" },
    },
    {
      id: "mmu.walk-shadow",
      title: { en: "A walk with shadow paging", ko: "섀도 페이징에서 페이지 워크를 수행했습니다" },
    },
    {
      id: "mmu.walk-nested",
      title: { en: "A two-dimensional walk through the EPT", ko: "EPT를 거치는 2차원 워크를 수행했습니다" },
    },
    {
      id: "mmu.vm-exit",
      title: { en: "A VM exit to the hypervisor", ko: "하이퍼바이저로 VM 종료가 일어났습니다" },
    },
  ],
  watchMilestones(host, reach) {
    // `mmu reset` swaps the model but keeps its event bus, so one subscription covers the lab's life.
    const events = mmuOf(host)?.events;
    if (events === undefined) return () => undefined;
    const stops = [
      events.on("walk", (trace) => {
        if (trace.tlbHit) return;
        reach("mmu.walk");
        if (trace.mode === "shadow") reach("mmu.walk-shadow");
        if (trace.mode === "nested") reach("mmu.walk-nested");
      }),
      events.on("exit", () => reach("mmu.vm-exit")),
    ];
    return () => stops.forEach((stop) => stop());
  },
});
