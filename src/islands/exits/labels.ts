/** The strings the exit picture shows; the .astro wrapper fills them in the page's language. */
export interface ExitTimelineLabels {
  title: string;
  /** Shown while the picture holds the build-time example, before any run in the console. */
  intro: string;
  exampleNote: string;
  liveNote: string;
  /** Tag on a panel still showing the build-time example. */
  exampleTag: string;
  lanes: { vcpu: string; kvm: string; device: string; file: string };
  ide: string;
  virtio: string;
  /** Panel with no run yet. */
  empty: string;
  running: string;
  toQemu: string;
  ioeventfd: string;
  ata: string;
  fileRead: string;
  fileWrite: string;
  eventfd: string;
  used: string;
  irq: string;
  moreRows: string;
  truncated: string;
  totalsCaption: string;
  reason: string;
  totalExits: string;
  userspaceExits: string;
  interrupts: string;
  imageBytes: string;
  simulatedTime: string;
  /** Live-region summary of a finished run: {controller} {command} {exits} {user} {time}. */
  announce: string;
  svgDesc: string;
}
