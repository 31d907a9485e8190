/**
 * The MMU model names what the hypervisor did on each VM exit in English
 * (sim/src/mmu/mmu.ts, `#exit(…, handling)`); the Korean picture shows these.
 * A test keeps the two lists in step.
 */
export const koreanHandlings: Readonly<Record<string, string>> = {
  "switched shadow root": "섀도 루트 테이블을 바꿈",
  "zapped shadow entry": "섀도 엔트리를 지움",
  reported: "VMM에 보고함",
  "emulated page-table write, zapped shadow entry": "페이지 테이블 쓰기를 에뮬레이션하고 섀도 엔트리를 지움",
  "injected #PF into the guest": "게스트에 #PF를 주입함",
  "emulated write to a guest page table": "게스트 페이지 테이블 쓰기를 에뮬레이션함",
  "filled shadow entry": "섀도 엔트리를 채움",
};
