/**
 * The page-walk picture's view of a walk: plain strings and numbers computed from the model's
 * WalkTrace, so the same data renders at build time (no-JS readers) and live, and crosses the
 * island boundary as JSON (no bigint). Nothing here re-implements a paging rule: fields, flags and
 * order are read off the trace and the SDM's bit layouts in @vmlab/sim/mmu/bits.
 */
import {
  eptA,
  eptD,
  eptIgnorePat,
  eptMemTypeShift,
  eptPS,
  eptR,
  eptW,
  eptX,
  pteA,
  pteD,
  pteG,
  pteP,
  ptePCD,
  ptePS,
  ptePWT,
  pteRW,
  pteUS,
} from "@vmlab/sim/mmu/bits";
import type { LevelName } from "@vmlab/sim/mmu/bits";
import type { AccessKind, Dimension, MmuMode, WalkReference, WalkTrace } from "@vmlab/sim/mmu/types";

export type FieldKey = "sign" | LevelName | "offset";

/** One field of the linear address (SDM Vol. 3A §4.5, Figures 4-8 to 4-10). */
export interface AddressField {
  readonly key: FieldKey;
  readonly high: number;
  readonly low: number;
  /** The field's bits, most significant first. */
  readonly bits: string;
  /** Index (decimal) for a level, hex for the offset and the sign extension. */
  readonly value: string;
}

export interface EntryFlag {
  readonly name: string;
  readonly on: boolean;
}

export interface PictureStep {
  /** Hardware reference number (1..N, what `mmu walk` prints); null for the hypervisor's software reads. */
  readonly n: number | null;
  readonly dimension: Dimension;
  readonly byHypervisor: boolean;
  readonly level: LevelName;
  readonly index: number;
  readonly entryAddress: string;
  readonly guestPhysical: string | null;
  readonly value: string;
  readonly forGuestStep: LevelName | "page" | null;
  readonly present: boolean;
  /** A leaf: a PT entry, or a present entry with PS set (a large page). */
  readonly leaf: boolean;
  readonly flags: readonly EntryFlag[];
}

export type PictureOutcome =
  | {
      readonly kind: "ok";
      readonly physical: string;
      readonly guestPhysical: string | null;
      readonly page: string;
    }
  | { readonly kind: "page-fault"; readonly errorCode: string; readonly cr2: string }
  | { readonly kind: "general-protection" }
  | { readonly kind: "ept-violation"; readonly qualification: string; readonly guestPhysical: string }
  | { readonly kind: "ept-misconfig"; readonly guestPhysical: string };

export interface WalkPicture {
  readonly mode: MmuMode;
  readonly guestLevels: number;
  readonly eptLevels: number;
  readonly linear: string;
  readonly access: AccessKind;
  readonly user: boolean;
  readonly tlbHit: boolean;
  readonly fields: readonly AddressField[];
  readonly steps: readonly PictureStep[];
  readonly pageTableReferences: number;
  readonly hypervisorReferences: number;
  readonly outcome: PictureOutcome;
  /** VM exits in the order taken: basic exit reason and the model's few words. */
  readonly exits: readonly { readonly reason: number; readonly handling: string }[];
}

export function hex(n: number | bigint, digits = 1): string {
  const v = typeof n === "bigint" ? BigInt.asUintN(64, n) : BigInt(n);
  return `0x${v.toString(16).padStart(digits, "0")}`;
}

const levelNumber: Record<LevelName, number> = { PT: 1, PD: 2, PDPT: 3, PML4: 4, PML5: 5 };
const levelOrder: readonly LevelName[] = ["PML5", "PML4", "PDPT", "PD", "PT"];

/** Level names of an n-level hierarchy, top first. */
export function levelsTopDown(levels: number): LevelName[] {
  return levelOrder.slice(5 - levels);
}

function bit(value: bigint, n: number): boolean {
  return ((value >> BigInt(n)) & 1n) === 1n;
}

/**
 * Flags of an IA-32e paging entry (SDM Vol. 3A §4.5, Tables 4-15 to 4-20): bit 7 is PS in a
 * PDPTE/PDE, PAT in a PTE; bit 63 is XD (the "NX" of Linux and AMD).
 */
export function pagingFlags(value: bigint, level: LevelName): EntryFlag[] {
  const lo = Number(value & 0xffffffffn);
  const flags: EntryFlag[] = [
    { name: "P", on: (lo & pteP) !== 0 },
    { name: "R/W", on: (lo & pteRW) !== 0 },
    { name: "U/S", on: (lo & pteUS) !== 0 },
    { name: "PWT", on: (lo & ptePWT) !== 0 },
    { name: "PCD", on: (lo & ptePCD) !== 0 },
    { name: "A", on: (lo & pteA) !== 0 },
    { name: "D", on: (lo & pteD) !== 0 },
  ];
  if (level === "PD" || level === "PDPT") flags.push({ name: "PS", on: (lo & ptePS) !== 0 });
  if (level === "PT") flags.push({ name: "PAT", on: (lo & ptePS) !== 0 });
  flags.push({ name: "G", on: (lo & pteG) !== 0 }, { name: "NX", on: bit(value, 63) });
  return flags;
}

const eptMemTypes: Readonly<Record<number, string>> = { 0: "UC", 1: "WC", 4: "WT", 5: "WP", 6: "WB" };

/** Flags of an EPT entry (SDM Vol. 3C §29.3.2, Tables 29-1 to 29-6): R, W, X, and in a leaf the memory type. */
export function eptFlags(value: bigint, level: LevelName, leaf: boolean): EntryFlag[] {
  const lo = Number(value & 0xffffffffn);
  const flags: EntryFlag[] = [
    { name: "R", on: (lo & eptR) !== 0 },
    { name: "W", on: (lo & eptW) !== 0 },
    { name: "X", on: (lo & eptX) !== 0 },
  ];
  if (leaf) {
    const type = (lo >> eptMemTypeShift) & 7;
    flags.push(
      { name: eptMemTypes[type] ?? `type ${type}`, on: true },
      { name: "IPAT", on: (lo & eptIgnorePat) !== 0 },
    );
  }
  if (level === "PD" || level === "PDPT") flags.push({ name: "PS", on: (lo & eptPS) !== 0 });
  flags.push({ name: "A", on: (lo & eptA) !== 0 }, { name: "D", on: (lo & eptD) !== 0 });
  return flags;
}

function toStep(r: WalkReference, n: number | null): PictureStep {
  const lo = Number(r.value & 0xffffffffn);
  const isEpt = r.dimension === "ept";
  // An EPT entry is present when any of bits 2:0 is set (§29.3.2); a paging entry when P is set (§4.5).
  const present = isEpt ? (lo & (eptR | eptW | eptX)) !== 0 : (lo & pteP) !== 0;
  const large = r.level === "PD" || r.level === "PDPT";
  const leaf = present && (r.level === "PT" || (large && (lo & (isEpt ? eptPS : ptePS)) !== 0));
  return {
    n,
    dimension: r.dimension,
    byHypervisor: r.byHypervisor,
    level: r.level,
    index: r.index,
    entryAddress: hex(r.entryAddress),
    guestPhysical: r.entryGuestPhysical === null ? null : hex(r.entryGuestPhysical),
    value: hex(r.value, 16),
    forGuestStep: r.forGuestStep,
    present,
    leaf,
    flags: isEpt ? eptFlags(r.value, r.level, leaf) : pagingFlags(r.value, r.level),
  };
}

/** Which level's entry mapped the page of the guest (or native) translation: 1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB. */
function leafLevel(steps: readonly PictureStep[], trace: WalkTrace): number {
  for (const s of steps) if (s.dimension !== "ept" && s.leaf) return levelNumber[s.level];
  if (trace.outcome.kind === "ok") {
    return trace.outcome.pageBytes === 4096 ? 1 : trace.outcome.pageBytes === 0x200000 ? 2 : 3;
  }
  return 1;
}

/**
 * The fields of the linear address (SDM Vol. 3A §4.5): bits 63:48 (63:57 with LA57) must copy
 * bit 47 (56), 9 bits of index per level from bit 12 up, and the offset below the leaf level
 * (12, 21 or 30 bits for a 4 KiB, 2 MiB or 1 GiB page).
 */
export function addressFields(linear: bigint, levels: number, leaf: number): AddressField[] {
  const u = BigInt.asUintN(64, linear);
  const slice = (high: number, low: number): bigint =>
    (u >> BigInt(low)) & ((1n << BigInt(high - low + 1)) - 1n);
  const field = (key: FieldKey, high: number, low: number, value: string): AddressField => ({
    key,
    high,
    low,
    bits: slice(high, low)
      .toString(2)
      .padStart(high - low + 1, "0"),
    value,
  });
  const top = 12 + 9 * levels;
  const fields = [field("sign", 63, top, hex(slice(63, top)))];
  for (const name of levelsTopDown(levels)) {
    const level = levelNumber[name];
    if (level <= leaf - 1) break;
    const low = 12 + 9 * (level - 1);
    fields.push(field(name, low + 8, low, String(slice(low + 8, low))));
  }
  const offsetHigh = 11 + 9 * (leaf - 1);
  fields.push(field("offset", offsetHigh, 0, hex(slice(offsetHigh, 0))));
  return fields;
}

/** The picture of a walk trace. `guestLevels` and `eptLevels` are the MMU's at the time of the walk. */
export function toPicture(trace: WalkTrace, guestLevels: number, eptLevels: number): WalkPicture {
  let n = 0;
  const steps = trace.references.map((r) => toStep(r, r.byHypervisor ? null : ++n));
  const o = trace.outcome;
  let outcome: PictureOutcome;
  switch (o.kind) {
    case "ok":
      outcome = {
        kind: "ok",
        physical: hex(o.physical),
        guestPhysical: o.guestPhysical === null ? null : hex(o.guestPhysical),
        page: o.pageBytes === 4096 ? "4K" : o.pageBytes === 0x200000 ? "2M" : "1G",
      };
      break;
    case "page-fault":
      outcome = { kind: "page-fault", errorCode: hex(o.errorCode), cr2: hex(o.cr2) };
      break;
    case "general-protection":
      outcome = { kind: "general-protection" };
      break;
    case "ept-violation":
      outcome = {
        kind: "ept-violation",
        qualification: hex(o.qualification, 3),
        guestPhysical: hex(o.guestPhysical),
      };
      break;
    case "ept-misconfig":
      outcome = { kind: "ept-misconfig", guestPhysical: hex(o.guestPhysical) };
      break;
  }
  return {
    mode: trace.mode,
    guestLevels,
    eptLevels,
    linear: hex(trace.linear, 16),
    access: trace.access,
    user: trace.user,
    tlbHit: trace.tlbHit,
    fields: addressFields(trace.linear, guestLevels, leafLevel(steps, trace)),
    steps,
    pageTableReferences: trace.pageTableReferences,
    hypervisorReferences: trace.hypervisorReferences,
    outcome,
    exits: trace.exits.map((e) => ({ reason: e.reason, handling: e.handling })),
  };
}

/** The address field a step indexes with: its level, for the guest's (or native, or shadow) tables. */
export function fieldOfStep(step: PictureStep | undefined): FieldKey | null {
  if (step === undefined || step.dimension === "ept") return null;
  return step.level;
}

export interface GridCell {
  /** Index into `picture.steps`, or null when the walk made no such reference. */
  readonly step: number | null;
}

export interface GridRow {
  /** The guest table whose address the row's EPT references translate, or "page" for the final gPA. */
  readonly guest: LevelName | "page";
  /** One cell per EPT level, top first. */
  readonly ept: readonly GridCell[];
  /** The guest entry read once the table's address is known (none for the "page" row). */
  readonly entry: GridCell;
}

/**
 * The two-dimensional walk of nested paging (Bhargava et al., ASPLOS 2008, Figure 3): one row per
 * guest level plus the final guest-physical address, one column per EPT level plus the guest
 * entry; each reference of the trace lands in its cell.
 */
export function nestedGrid(picture: WalkPicture): { eptColumns: LevelName[]; rows: GridRow[] } {
  const eptColumns = levelsTopDown(picture.eptLevels);
  const guestRows: (LevelName | "page")[] = [...levelsTopDown(picture.guestLevels), "page"];
  const rows = guestRows.map((guest): GridRow => {
    const find = (pred: (s: PictureStep) => boolean): GridCell => {
      const i = picture.steps.findIndex(pred);
      return { step: i < 0 ? null : i };
    };
    return {
      guest,
      ept: eptColumns.map((e) =>
        find((s) => s.dimension === "ept" && s.forGuestStep === guest && s.level === e),
      ),
      entry:
        guest === "page"
          ? { step: null }
          : find((s) => s.dimension === "guest" && !s.byHypervisor && s.level === guest),
    };
  });
  return { eptColumns, rows };
}

/** The localized words the picture uses; the .astro wrapper supplies both languages. */
export interface PageWalkLabels {
  title: string;
  description: string;
  example: string;
  live: string;
  address: string;
  fieldNames: Record<FieldKey, string>;
  bitsRange: string;
  tables: string;
  grid: string;
  gridCaption: string;
  guestLevel: string;
  guestEntry: string;
  finalPage: string;
  previous: string;
  next: string;
  first: string;
  last: string;
  keys: string;
  /** "Step {i} of {n}: {what}: {state}" */
  step: string;
  /** "{level} entry {index} at {address}" and its variants by dimension. */
  nativeEntry: string;
  guestEntryAt: string;
  shadowEntry: string;
  hypervisorRead: string;
  eptForTable: string;
  eptForPage: string;
  present: string;
  notPresent: string;
  noFlags: string;
  tlbHit: string;
  noReferences: string;
  references: string;
  outcome: {
    ok: string;
    okGuest: string;
    pageFault: string;
    generalProtection: string;
    eptViolation: string;
    eptMisconfig: string;
  };
  exit: string;
  /** The model's words for what the hypervisor did on an exit, in this language. */
  handlings: Readonly<Record<string, string>>;
  modes: Record<MmuMode, string>;
  access: Record<AccessKind, string>;
  user: string;
  kernel: string;
  value: string;
  index: string;
  entryAddress: string;
}

export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    return v === undefined ? whole : String(v);
  });
}

/** What a step read, in words: "EPT PDPT entry 0 at 0x… for the guest PML4 table". */
export function describeStep(s: PictureStep, labels: PageWalkLabels): string {
  const params = { level: s.level, index: s.index, address: s.entryAddress, guest: s.forGuestStep ?? "" };
  if (s.byHypervisor)
    return fill(labels.hypervisorRead, { ...params, address: s.guestPhysical ?? s.entryAddress });
  switch (s.dimension) {
    case "native":
      return fill(labels.nativeEntry, params);
    case "shadow":
      return fill(labels.shadowEntry, params);
    case "guest":
      return fill(labels.guestEntryAt, { ...params, gpa: s.guestPhysical ?? "" });
    case "ept":
      return fill(s.forGuestStep === "page" ? labels.eptForPage : labels.eptForTable, params);
  }
}

/** The state of the entry: "present, R/W U/S A" or "not present". */
export function describeState(s: PictureStep, labels: PageWalkLabels): string {
  if (!s.present) return labels.notPresent;
  const on = s.flags.filter((f) => f.on && f.name !== "P").map((f) => f.name);
  return `${labels.present}, ${on.length === 0 ? labels.noFlags : on.join(" ")}`;
}

export function describeOutcome(p: WalkPicture, labels: PageWalkLabels): string {
  const o = p.outcome;
  switch (o.kind) {
    case "ok":
      return o.guestPhysical === null
        ? fill(labels.outcome.ok, { physical: o.physical, page: o.page })
        : fill(labels.outcome.okGuest, { physical: o.physical, gpa: o.guestPhysical, page: o.page });
    case "page-fault":
      return fill(labels.outcome.pageFault, { code: o.errorCode, cr2: o.cr2 });
    case "general-protection":
      return labels.outcome.generalProtection;
    case "ept-violation":
      return fill(labels.outcome.eptViolation, { qualification: o.qualification, gpa: o.guestPhysical });
    case "ept-misconfig":
      return fill(labels.outcome.eptMisconfig, { gpa: o.guestPhysical });
  }
}

/**
 * The text alternative of one step, for the aria-live region: "Step 3 of 24: EPT PDPT entry 0 at
 * 0x… for the guest PML4 table: present, R W X". On the last step the walk's result follows.
 */
export function narrate(p: WalkPicture, i: number, labels: PageWalkLabels): string {
  const s = p.steps[i];
  if (s === undefined) {
    const head = p.tlbHit ? labels.tlbHit : labels.noReferences;
    return `${head} ${describeOutcome(p, labels)}`;
  }
  const text = fill(labels.step, {
    i: i + 1,
    n: p.steps.length,
    what: describeStep(s, labels),
    state: describeState(s, labels),
  });
  return i === p.steps.length - 1 ? `${text}. ${describeOutcome(p, labels)}` : text;
}
