/**
 * Messages of the page-table walk simulator's commands (`mmu`, `pagemap`, `pagedemo`). Tool output
 * (walk lines, tables, addresses, field names) stays English as the kernel's and KVM's tools print
 * it; what is localized is help and errors.
 */
import type { Localized } from "./catalog";

export const m = {
  // ---- errors (status 2: the command line is wrong; status 1: the model refused)
  missingSub: {
    en: "mmu: missing subcommand",
    ko: "mmu: 하위 명령이 없습니다",
  },
  unknownSub: {
    en: "mmu: unknown subcommand '{value}'",
    ko: "mmu: 알 수 없는 하위 명령입니다: '{value}'",
  },
  missingOperand: {
    en: "{cmd}: missing operand\nUsage: {usage}",
    ko: "{cmd}: 피연산자가 없습니다\n사용법: {usage}",
  },
  extraOperand: {
    en: "{cmd}: extra operand '{value}'\nUsage: {usage}",
    ko: "{cmd}: 필요 없는 피연산자입니다: '{value}'\n사용법: {usage}",
  },
  unknownOption: {
    en: "{cmd}: unrecognized option '{value}'",
    ko: "{cmd}: 알 수 없는 옵션입니다: '{value}'",
  },
  optionNeedsArg: {
    en: "{cmd}: option '{value}' requires an argument",
    ko: "{cmd}: '{value}' 옵션에는 인수가 필요합니다",
  },
  badNumber: {
    en: "{cmd}: invalid number '{value}' (use 0x hex or decimal, '_' may separate digits)",
    ko: "{cmd}: 잘못된 숫자입니다: '{value}' (0x로 시작하는 16진수나 10진수를 쓰고, 자릿수 사이에 '_'를 넣을 수 있습니다)",
  },
  badChoice: {
    en: "{cmd}: invalid argument '{value}' (valid: {choices})",
    ko: "{cmd}: 잘못된 인수입니다: '{value}' (가능한 값: {choices})",
  },
  badFlag: {
    en: "{cmd}: unknown page flag '{value}' (valid: rw, user, nx, global)",
    ko: "{cmd}: 알 수 없는 페이지 플래그입니다: '{value}' (가능한 값: rw, user, nx, global)",
  },
  badPerm: {
    en: "{cmd}: invalid EPT permissions '{value}' (a subset of rwx, or -)",
    ko: "{cmd}: 잘못된 EPT 권한입니다: '{value}' (rwx의 부분 집합이나 -)",
  },
  outOfRange: {
    en: "{cmd}: {value}: out of range ({min} to {max})",
    ko: "{cmd}: {value}: 범위를 벗어났습니다 ({min}부터 {max}까지)",
  },
  tryHelp: {
    en: "Try 'mmu --help' for more information.",
    ko: "자세한 정보는 'mmu --help'를 실행해 보십시오.",
  },
  nonCanonical: {
    en: "{cmd}: {value} is not canonical under {levels}-level paging (bits 63:{top} must equal bit {top})",
    ko: "{cmd}: {value}는 {levels}단계 페이징의 정규(canonical) 주소가 아닙니다 (63:{top}번 비트가 모두 {top}번 비트와 같아야 합니다)",
  },
  notAligned: {
    en: "{cmd}: {what} {value} is not a multiple of the {size} page size",
    ko: "{cmd}: {what} {value}가 페이지 크기 {size}의 배수가 아닙니다",
  },
  outsideRam: {
    en: "{cmd}: {what} {value} is outside guest RAM (0x0 to {limit})",
    ko: "{cmd}: {what} {value}는 게스트 RAM 범위 (0x0부터 {limit}까지) 밖에 있습니다",
  },
  aboveMaxPhys: {
    en: "{cmd}: {what} {value} is above MAXPHYADDR ({bits} bits)",
    ko: "{cmd}: {what} {value}가 MAXPHYADDR ({bits}비트)를 넘습니다",
  },
  entryAlign: {
    en: "{cmd}: {value}: page-table entries are 8-byte aligned",
    ko: "{cmd}: {value}: 페이지 테이블 엔트리 주소는 8바이트 단위로 정렬되어야 합니다",
  },
  notMapped: {
    en: "{cmd}: {value}: not mapped",
    ko: "{cmd}: {value}: 매핑되어 있지 않습니다",
  },
  insideLarger: {
    en: "{cmd}: {value}: inside a larger page that is already mapped (unmap it first)",
    ko: "{cmd}: {value}: 이미 매핑된 더 큰 페이지 안에 있습니다 (먼저 unmap 하십시오)",
  },
  eptUnmapped: {
    en: "{cmd}: {value}: guest-physical address not mapped by the EPT",
    ko: "{cmd}: {value}: EPT가 매핑하지 않은 게스트 물리 주소입니다",
  },
  failed: {
    en: "{cmd}: {error}",
    ko: "{cmd}: {error}",
  },
  // ---- pagemap
  pagemapUsage: {
    en: "pagemap: missing operand\nTry 'pagemap --help' for more information.",
    ko: "pagemap: 피연산자가 없습니다\n자세한 정보는 'pagemap --help'를 실행해 보십시오.",
  },
  pagemapNoSpace: {
    en: "pagemap: {pid}: no simulated address space (only pagedemo processes have one; see 'ps')",
    ko: "pagemap: {pid}: 시뮬레이션된 주소 공간이 없습니다 (pagedemo 프로세스에만 있습니다. 'ps'로 확인하십시오)",
  },
  pagemapBadPid: {
    en: "pagemap: invalid process ID '{value}'",
    ko: "pagemap: 잘못된 프로세스 ID입니다: '{value}'",
  },
  pagemapBadAddress: {
    en: "pagemap: invalid address '{value}' (use 0x hex or decimal)",
    ko: "pagemap: 잘못된 주소입니다: '{value}' (0x로 시작하는 16진수나 10진수를 쓰십시오)",
  },
} satisfies Record<string, Localized>;

/** Help of each `mmu` subcommand, shown by `mmu --help` and `mmu SUB --help`. */
export const subHelp = {
  mode: {
    en: "Show or set how the guest's paging is run: natively, through shadow tables, or with EPT.",
    ko: "게스트 페이징을 실행하는 방식을 보거나 정합니다: 네이티브, 섀도 페이지 테이블, EPT.",
  },
  levels: {
    en: "Guest paging levels: 4, or 5 with CR4.LA57 (tables are rebuilt from the mappings).",
    ko: "게스트 페이징 단계입니다: 4, 또는 CR4.LA57을 켠 5 (매핑에서 테이블을 다시 만듭니다).",
  },
  cr3: {
    en: "Show CR3, or load it (MOV to CR3: flushes non-global TLB entries; exits under shadow paging).",
    ko: "CR3를 보거나 적재합니다 (MOV to CR3: 전역이 아닌 TLB 항목을 비우고, 섀도 페이징에서는 VM 종료가 일어납니다).",
  },
  write: {
    en: "Write a 64-bit word of the current physical space (guest-physical under virtualization).",
    ko: "현재 물리 주소 공간 (가상화에서는 게스트 물리 주소)의 64비트 값 하나를 씁니다.",
  },
  read: {
    en: "Read a 64-bit word of the current physical space and decode its paging flags.",
    ko: "현재 물리 주소 공간의 64비트 값 하나를 읽고 페이징 플래그를 풀어 보여 줍니다.",
  },
  map: {
    en: "Map VA to PA in the current address space, allocating tables as needed (the guest OS's work).",
    ko: "현재 주소 공간에서 VA를 PA로 매핑하고, 필요한 테이블을 할당합니다 (게스트 OS가 하는 일).",
  },
  unmap: {
    en: "Clear the leaf entry that maps VA and invalidate it with INVLPG, as munmap does.",
    ko: "VA를 매핑하는 마지막 단계 엔트리를 지우고 munmap처럼 INVLPG로 무효화합니다.",
  },
  walk: {
    en: "Translate VA: one line per memory reference, then the result and the reference count.",
    ko: "VA를 변환합니다: 메모리 참조마다 한 줄, 이어서 결과와 참조 횟수를 보여 줍니다.",
  },
  tlb: {
    en: "List the TLB's entries, or flush it.",
    ko: "TLB 항목을 보여 주거나 TLB를 비웁니다.",
  },
  invlpg: {
    en: "INVLPG: drop the TLB entries for VA's page (exits under shadow paging).",
    ko: "INVLPG: VA가 속한 페이지의 TLB 항목을 버립니다 (섀도 페이징에서는 VM 종료가 일어납니다).",
  },
  ept: {
    en: "The hypervisor's EPT: show the EPTP, map GPA to HPA with permissions, or set 4/5 levels.",
    ko: "하이퍼바이저의 EPT: EPTP를 보거나, GPA를 HPA로 권한과 함께 매핑하거나, 4/5단계로 정합니다.",
  },
  stats: {
    en: "Counters since the last mode change: walks, references, TLB hits and misses, VM exits by reason.",
    ko: "마지막 모드 변경 이후의 카운터: 페이지 워크, 참조, TLB 적중과 실패, 사유별 VM 종료.",
  },
  compare: {
    en: "Run the same small guest workload (touch, fork, copy-on-write, switch) in the three modes.",
    ko: "같은 작은 게스트 작업 (페이지 접근, fork, 쓰기 시 복사, 주소 공간 전환)을 세 모드에서 실행해 비교합니다.",
  },
  reset: {
    en: "Start over with a fresh MMU (the demo process's pages are mapped again).",
    ko: "새 MMU로 처음부터 다시 시작합니다 (데모 프로세스의 페이지를 다시 매핑합니다).",
  },
} satisfies Record<string, Localized>;
