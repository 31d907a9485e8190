/**
 * What the exit picture draws for a run, as plain data: one line per row with
 * its lanes and localized label, brackets for repeated blocks, and the totals
 * table. The Svelte island only turns this into SVG and HTML.
 */
import type { Lane } from "@vmlab/sim/vmx/kvm";
import type { ExitTimelineLabels } from "./labels";
import {
  accessText,
  exitReasonNumber,
  exitReasonOrder,
  layoutRun,
  stepLanes,
  type Row,
  type Run,
  type Step,
} from "./recorder";

export type LineTone = "exit" | "user" | "irq" | "file" | "device";

export interface PictureLine {
  readonly from: Lane;
  readonly to: Lane;
  readonly text: string;
  /** How many times in a row this step happened ("× 256"); 1 draws no count. */
  readonly count: number;
  readonly tone: LineTone;
}

export interface PictureBracket {
  /** First and last line index (inclusive) of the repeated block. */
  readonly first: number;
  readonly last: number;
  readonly repeat: number;
}

export interface RunPicture {
  readonly lines: readonly PictureLine[];
  readonly brackets: readonly PictureBracket[];
  /** Rows not drawn because the picture is bounded. */
  readonly hiddenRows: number;
}

/** The picture draws at most this many lines per run; the totals table still counts everything. */
export const maxPictureLines = 26;

export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    return v === undefined ? whole : String(v);
  });
}

/** Simulated time in the unit a reader would pick: 41 µs, 2.93 ms, 1.20 s. */
export function formatDurationUs(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(us < 10_000 ? 2 : 1)} ms`;
  return `${(us / 1_000_000).toFixed(2)} s`;
}

function tone(step: Step): LineTone {
  switch (step.type) {
    case "exit":
      return step.toUser !== undefined ? "user" : "exit";
    case "irq":
      return "irq";
    case "file":
      return "file";
    default:
      return "device";
  }
}

export function stepText(step: Step, labels: ExitTimelineLabels): string {
  switch (step.type) {
    case "exit": {
      let text = step.reason;
      if (step.access !== undefined) text += ` ${accessText(step.access)}`;
      if (step.ioeventfd === true) text += ` ${labels.ioeventfd}`;
      if (step.toUser !== undefined) text += ` ${fill(labels.toQemu, { code: `KVM_EXIT_${step.toUser}` })}`;
      return text;
    }
    case "ata":
      return fill(labels.ata, { command: step.command });
    case "file":
      return fill(step.op === "read" ? labels.fileRead : labels.fileWrite, { bytes: step.bytes });
    case "eventfd":
      return labels.eventfd;
    case "used":
      return labels.used;
    case "irq":
      return labels.irq;
  }
}

function line(row: Row, labels: ExitTimelineLabels): PictureLine {
  const { from, to } = stepLanes(row.step);
  const text = stepText(row.step, labels);
  return { from, to, tone: tone(row.step), text, count: row.count };
}

export function runPicture(run: Run, labels: ExitTimelineLabels, maxLines = maxPictureLines): RunPicture {
  const lines: PictureLine[] = [];
  const brackets: PictureBracket[] = [];
  let hiddenRows = 0;
  for (const group of layoutRun(run)) {
    if (lines.length + group.rows.length > maxLines) {
      hiddenRows += group.rows.length * group.repeat;
      continue;
    }
    const first = lines.length;
    for (const row of group.rows) lines.push(line(row, labels));
    if (group.repeat > 1) brackets.push({ first, last: lines.length - 1, repeat: group.repeat });
  }
  return { lines, brackets, hiddenRows };
}

export interface TotalsRow {
  readonly label: string;
  readonly ide: string;
  readonly virtio: string;
}

/** The text alternative: exits per reason for both controllers, then what they cost. */
export function totalsRows(
  ide: Run | undefined,
  virtio: Run | undefined,
  labels: ExitTimelineLabels,
): TotalsRow[] {
  const cell = (run: Run | undefined, value: (r: Run) => string): string =>
    run === undefined ? "–" : value(run);
  const reasons = exitReasonOrder.filter(
    (r) => (ide?.totals.exits[r] ?? 0) > 0 || (virtio?.totals.exits[r] ?? 0) > 0,
  );
  const extra = [
    ...new Set([...Object.keys(ide?.totals.exits ?? {}), ...Object.keys(virtio?.totals.exits ?? {})]),
  ].filter((r) => !(exitReasonOrder as readonly string[]).includes(r));
  const rows: TotalsRow[] = [...reasons, ...extra].map((reason) => ({
    label: exitReasonNumber[reason] !== undefined ? `${reason} (${exitReasonNumber[reason]})` : reason,
    ide: cell(ide, (r) => String(r.totals.exits[reason] ?? 0)),
    virtio: cell(virtio, (r) => String(r.totals.exits[reason] ?? 0)),
  }));
  const userspace = (r: Run): string => String(Object.values(r.totals.toUser).reduce((a, b) => a + b, 0));
  rows.push(
    {
      label: labels.totalExits,
      ide: cell(ide, (r) => String(r.exitCount)),
      virtio: cell(virtio, (r) => String(r.exitCount)),
    },
    { label: labels.userspaceExits, ide: cell(ide, userspace), virtio: cell(virtio, userspace) },
    {
      label: labels.interrupts,
      ide: cell(ide, (r) => String(r.totals.interrupts)),
      virtio: cell(virtio, (r) => String(r.totals.interrupts)),
    },
    {
      label: labels.imageBytes,
      ide: cell(ide, (r) => String(r.totals.fileReadBytes + r.totals.fileWriteBytes)),
      virtio: cell(virtio, (r) => String(r.totals.fileReadBytes + r.totals.fileWriteBytes)),
    },
    {
      label: labels.simulatedTime,
      ide: cell(ide, (r) => formatDurationUs(r.endUs - r.startUs)),
      virtio: cell(virtio, (r) => formatDurationUs(r.endUs - r.startUs)),
    },
  );
  return rows;
}

export function announcement(controller: string, run: Run, labels: ExitTimelineLabels): string {
  return fill(labels.announce, {
    controller,
    command: run.label,
    exits: run.exitCount,
    user: Object.values(run.totals.toUser).reduce((a, b) => a + b, 0),
    time: formatDurationUs(run.endUs - run.startUs),
  });
}
