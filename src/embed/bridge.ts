/**
 * Connects an embedded console to the page that frames it: posts `ready`,
 * `height`, `command`, `milestone` and `reset` events (schema in
 * ./protocol.ts, documented on /<lang>/embed/), and carries out the host's
 * `run` and `reset` messages. Loaded only by embed pages.
 */
import type { ConsoleSession } from "../console/session";
import {
  embedMessage,
  parseHostMessage,
  plainOutput,
  type CommandOrigin,
  type EmbedEvent,
  type HostMessage,
} from "./protocol";
import type { Sim } from "./sims";

/** Host messages kept while the console loads; a host that sends more before `ready` loses the rest. */
const maxEarlyMessages = 100;
/** Submitted commands waiting at once; beyond this a host's `run` messages are dropped. */
const maxQueuedRuns = 100;

export interface HostLink {
  /** Call once the console is live: flushes early messages, starts reporting. */
  attach(session: ConsoleSession, info: { scenario: string; commands: number; autorun: boolean }): void;
  dispose(): void;
}

function isOrigin(value: string): value is CommandOrigin {
  return value === "script" || value === "reader" || value === "host";
}

export function connectHost(options: { sim: Sim; lang: "ko" | "en" }): HostLink {
  const framed = window.parent !== window;
  const post = (event: EmbedEvent): void => {
    if (!framed) return;
    try {
      // Any origin may frame an embed: "*" is the only target that reaches it, so only public data goes out.
      window.parent.postMessage(embedMessage(event), "*");
    } catch {
      /* a closed or navigated parent: nothing to tell */
    }
  };

  let session: ConsoleSession | undefined;
  const early: HostMessage[] = [];
  let pendingRuns = 0;
  const stops: (() => void)[] = [];

  const handle = (message: HostMessage): void => {
    if (session === undefined) {
      if (early.length < maxEarlyMessages) early.push(message);
      return;
    }
    if (message.type === "reset") {
      pendingRuns = 0;
      const s = session;
      void s.reset().then(() => post({ type: "reset" }));
      return;
    }
    if (pendingRuns >= maxQueuedRuns) return;
    pendingRuns++;
    session.submit(message.command, "host", message.id);
  };

  const onMessage = (event: MessageEvent): void => {
    // Only the framing page may drive the console; anything else, or anything malformed, is ignored.
    if (!framed || event.source !== window.parent) return;
    const message = parseHostMessage(event.data);
    if (message !== undefined) handle(message);
  };
  window.addEventListener("message", onMessage);
  stops.push(() => window.removeEventListener("message", onMessage));

  let lastHeight = -1;
  const measure = (): void => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === lastHeight || !Number.isFinite(height)) return;
    lastHeight = height;
    post({ type: "height", height });
  };
  const resize = new ResizeObserver(measure);
  resize.observe(document.body);
  stops.push(() => resize.disconnect());

  return {
    attach(s, info) {
      session = s;
      stops.push(
        s.onCommand((record) => {
          const origin = isOrigin(record.origin) ? record.origin : "reader";
          if (origin === "host") pendingRuns = Math.max(0, pendingRuns - 1);
          post({
            type: "command",
            command: record.command,
            status: record.status,
            ...plainOutput(record.output),
            origin,
            ...(record.id === undefined ? {} : { id: record.id }),
          });
        }),
        s.lab.onMilestone((id) => post({ type: "milestone", id })),
      );
      post({ type: "ready", sim: options.sim, lang: options.lang, ...info });
      measure();
      for (const message of early.splice(0)) handle(message);
    },
    dispose() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
