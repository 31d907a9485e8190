import { describe, expect, it } from "vitest";
import { Mmu } from "./mmu";

const va = 0x00007f0000001000n;

describe("shadow paging (KVM arch/x86/kvm/mmu, simplified)", () => {
  it("counts the exits of map → first access → CR3 load → INVLPG → guest PT write", () => {
    const mmu = new Mmu();
    mmu.setMode("shadow");
    mmu.resetStats();
    // map: the guest writes a PML4 entry; its PML4 page is shadowed (the root), so the write faults.
    expect(mmu.map(va, 0x200000, 4096, { user: true, writable: true }).map((e) => e.reason)).toEqual([0]);
    // First access: the shadow PML4E is empty → #PF exit (reason 0, vector 14); the hypervisor
    // walks the guest tables in software (4 reads), fills 4 shadow entries, the retry walks 4.
    const first = mmu.walk(va, { access: "write", user: true });
    expect(first.exits).toMatchObject([{ reason: 0, vector: 14 }]);
    expect(first.hypervisorReferences).toBe(4);
    expect(first.pageTableReferences).toBe(1 + 4);
    expect(first.outcome).toMatchObject({ kind: "ok", physical: mmu.guestRamBase + 0x200000 });
    expect(mmu.walk(va, { user: true }).tlbHit).toBe(true);
    // CR3 load: exit 28; the shadow root is cached, so the next access walks the shadow at native cost.
    expect(mmu.loadCr3(mmu.cr3).map((e) => e.reason)).toEqual([28]);
    const afterCr3 = mmu.walk(va, { user: true });
    expect(afterCr3.exits).toEqual([]);
    expect(afterCr3.pageTableReferences).toBe(4);
    // INVLPG: exit 14; the shadow leaf is zapped, so the next access exits again to refill it.
    expect(mmu.invlpg(va).map((e) => e.reason)).toEqual([14]);
    expect(mmu.walk(va, { user: true }).exits.map((e) => e.reason)).toEqual([0]);
    // The guest rewrites its PTE (now to 0x300000): the PT page is write-protected → exit 0.
    const ptEntry = first.references.find((r) => r.byHypervisor && r.level === "PT")!;
    expect(mmu.writePhysical(ptEntry.entryGuestPhysical!, 0x300000n | 7n).map((e) => e.reason)).toEqual([0]);
    mmu.invlpg(va);
    const moved = mmu.walk(va, { user: true });
    expect(moved.outcome).toMatchObject({ kind: "ok", physical: mmu.guestRamBase + 0x300000 });
    // 0: map, first access, refill, PT write, refill; 14: two INVLPGs; 28: one CR3 load.
    expect(mmu.stats().exits).toEqual({ 0: 5, 14: 2, 28: 1 });
  });

  it("injects the guest's own #PF (same error code and CR2) when the guest mapping forbids it", () => {
    const mmu = new Mmu();
    mmu.setMode("shadow");
    mmu.map(va, 0x200000, 4096, { user: true });
    const t = mmu.walk(va + 8n, { access: "write", user: true });
    expect(t.outcome).toEqual({ kind: "page-fault", errorCode: 0x7, cr2: va + 8n });
    expect(t.exits).toMatchObject([{ reason: 0, vector: 14, handling: "injected #PF into the guest" }]);
    expect(mmu.stats().pageFaults).toBe(1);
  });

  it("maps a read first without W when the guest D is clear, so the first write exits to set D", () => {
    const mmu = new Mmu();
    mmu.setMode("shadow");
    mmu.map(va, 0x200000, 4096, { writable: true });
    expect(mmu.walk(va).exits).toHaveLength(1);
    const w = mmu.walk(va, { access: "write" });
    expect(w.exits).toHaveLength(1);
    const pte = w.references.find((r) => r.byHypervisor && r.level === "PT")!;
    expect(mmu.readPhysical(pte.entryGuestPhysical!) & 0x60n).toBe(0x60n); // guest A and D set
    expect(mmu.walk(va, { access: "write" }).exits).toHaveLength(0);
  });

  it("a write through a VA to a shadowed guest page table is emulated, never mapped writable", () => {
    const mmu = new Mmu();
    mmu.setMode("shadow");
    // Map the guest's own PML4 page (CR3) at a kernel address, writable.
    mmu.map(0xffff888000000000n, mmu.cr3, 4096, { writable: true });
    const t = mmu.walk(0xffff888000000000n, { access: "write" });
    expect(t.exits).toMatchObject([{ reason: 0, handling: "emulated write to a guest page table" }]);
    expect(mmu.walk(0xffff888000000000n, { access: "write" }).exits).toHaveLength(1);
  });
});
