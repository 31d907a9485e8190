/**
 * The page-table walk simulator's scenario: a host with an x86-64 MMU model (sim/src/mmu), the
 * `mmu`, `pagemap` and `pagedemo` commands, and a sleeping demo process whose address space is
 * the model's page tables (/proc/PID/maps, pagemap).
 */
import { defineScenario } from "../host/scenarios";
import { mmuCommand } from "../shell/commands/mmu/mmu";
import { pagedemo, pagemap } from "../shell/commands/mmu/pagemap";
import { mountProcViews } from "../shell/commands/mmu/procview";
import { attachMmu } from "../shell/commands/mmu/state";

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
});
