/**
 * Starts a console in two steps. `startConsole` loads the simulator and runs the session as soon
 * as the console is reached (pictures of the same lab follow it from then on); its screen output
 * waits in a bounded buffer. `attach` loads xterm.js and its stylesheet when the reader first
 * engages with the console (a click, a key, focus), writes what waited and hands the keys over.
 * xterm is over half of the console's JavaScript, so a reader who only reads never downloads it.
 * Only the island imports this module: xterm touches `self` at import time.
 */
import xtermCssUrl from "@xterm/xterm/css/xterm.css?url";
import type { ITheme, Terminal } from "@xterm/xterm";
import { loadScenario, type ShellLang } from "@vmlab/sim";
import { ConsoleSession } from "./session";
import { codePointWidth } from "./char-width";
import { registerLab, unregisterLab } from "./labs";

export interface MountOptions {
  lang: ShellLang;
  scenario: string;
  /** Name under which picture islands on the page find this console's lab. */
  lab: string;
  replay: readonly string[];
  label: string;
}

export interface MountedConsole {
  session: ConsoleSession;
  /** Loads xterm into the element and shows the session there; resolves once the reader can type. */
  attach(element: HTMLElement): Promise<void>;
  readonly attached: boolean;
  /** Keys pressed before xterm arrived; they reach the line editor once it is attached. */
  queueKeys(data: string): void;
  setSpeed(speed: number): void;
  setScreenReaderMode(on: boolean): void;
  focus(): void;
  dispose(): void;
}

/** Screen output kept while no terminal is attached: a long background job must not grow it forever. */
const maxPendingChars = 256 * 1024;

function loadStylesheet(href: string): Promise<void> {
  if (document.querySelector(`link[data-xterm-css]`) !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.dataset.xtermCss = "";
    link.onload = () => resolve();
    link.onerror = () => resolve();
    document.head.append(link);
  });
}

/**
 * Whether the page's background is light. Read through a probe's computed colour, which is always
 * "rgb(r, g, b)": the custom property's own text depends on the minifier (#ffffff becomes #fff).
 */
function lightBackground(): boolean {
  const probe = document.createElement("span");
  probe.style.color = "var(--bg, #ffffff)";
  probe.hidden = true;
  document.body.append(probe);
  const [r = 255, g = 255, b = 255] = (getComputedStyle(probe).color.match(/[\d.]+/g) ?? []).map(Number);
  probe.remove();
  // Rec. 709 luma, enough to tell a light theme from a dark one.
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 128;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === "" ? fallback : value;
}

/** A macrotask yield that is not clamped like setTimeout. */
function messageChannelYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return () =>
    new Promise((resolve) => {
      queue.push(resolve);
      channel.port2.postMessage(0);
    });
}

/** xterm colours from the page's theme tokens, read again whenever the theme changes. */
function terminalTheme(): ITheme {
  return {
    background: cssVar("--term-bg", "#f6f8fa"),
    foreground: cssVar("--term-fg", "#1f2328"),
    cursor: cssVar("--term-fg", "#1f2328"),
    selectionBackground: cssVar("--surface-2", "#eaeef2"),
    // Light-theme-safe ANSI colours (AA on the light background); dark theme overrides below.
    ...(lightBackground()
      ? {
          green: "#1a7136",
          brightGreen: "#1a7136",
          blue: "#0a5cad",
          brightBlue: "#0a5cad",
          red: "#b3261e",
          brightRed: "#b3261e",
          yellow: "#7a5a00",
          brightYellow: "#7a5a00",
          cyan: "#0b6e78",
          brightCyan: "#0b6e78",
        }
      : {
          green: "#4ac26b",
          brightGreen: "#4ac26b",
          blue: "#58a6ff",
          brightBlue: "#58a6ff",
          red: "#ff7b72",
          brightRed: "#ff7b72",
        }),
  };
}

export async function startConsole(
  options: MountOptions,
  /** Columns to lay out the prompt with until xterm measures the real width. */
  estimateColumns: () => number,
): Promise<MountedConsole> {
  // Only this console's simulator is downloaded, now that the reader has reached it.
  await loadScenario(options.scenario);
  let pending = "";
  let write = (data: string): void => {
    pending += data;
    if (pending.length > maxPendingChars) {
      // Keep the newest output, from a line start so no escape sequence is cut in half.
      const cut = pending.indexOf("\n", pending.length - maxPendingChars);
      pending = cut < 0 ? "" : pending.slice(cut + 1);
    }
  };
  let columns = estimateColumns;
  const session = new ConsoleSession({
    lang: options.lang,
    scenario: options.scenario,
    replay: options.replay,
    terminal: { write: (data) => write(data), columns: () => columns() },
    frames: { nextFrame: () => new Promise((resolve) => requestAnimationFrame(resolve)) },
    yieldToTasks: messageChannelYield(),
  });
  registerLab(options.lab, session.lab);
  await session.start();

  let queued = "";
  let screenReaderMode = false;
  let terminal: Terminal | undefined;
  let attaching: Promise<void> | undefined;
  const cleanups: (() => void)[] = [];

  let disposed = false;

  async function attach(element: HTMLElement): Promise<void> {
    const [{ Terminal }, { FitAddon }] = await Promise.all([
      import("@xterm/xterm"),
      import("@xterm/addon-fit"),
      loadStylesheet(xtermCssUrl),
    ]);
    if (disposed) return;
    const created = new Terminal({
      // The Unicode width API is marked experimental in xterm.js 6.
      allowProposedApi: true,
      convertEol: true,
      cursorBlink: true,
      fontFamily: cssVar("--font-mono", "monospace"),
      fontSize: 14,
      scrollback: 2000,
      rows: 18,
      theme: terminalTheme(),
    });
    // xterm.js defaults to Unicode 6 widths (emoji one column); the line editor measures with the
    // newer East Asian Width table, so the terminal must lay out cells with the same one.
    created.unicode.register({
      version: "vmlab",
      wcwidth: codePointWidth,
      charProperties(codepoint, preceding) {
        // xterm's packed value: width in bits 1-2, "joins the preceding cell" in bit 0 (as its unicode11 addon).
        let width: number = codePointWidth(codepoint);
        let join = width === 0 && preceding !== 0;
        if (join) {
          const previousWidth = (preceding >> 1) & 3;
          if (previousWidth === 0) join = false;
          else if (previousWidth > width) width = previousWidth;
        }
        return ((width & 3) << 1) | (join ? 1 : 0);
      },
    });
    created.unicode.activeVersion = "vmlab";
    const fit = new FitAddon();
    created.loadAddon(fit);
    created.open(element);
    created.textarea?.setAttribute("aria-label", options.label);
    fit.fit();
    created.options.screenReaderMode = screenReaderMode;
    created.write(pending);
    pending = "";
    terminal = created;
    write = (data) => created.write(data);
    columns = () => created.cols;
    // onData carries keys, pastes and IME-composed text exactly once; onKey would double Hangul syllables.
    const dataListener = created.onData((data) => session.feed(data));
    const resize = new ResizeObserver(() => {
      fit.fit();
      session.editor.redraw();
    });
    resize.observe(element);
    // The reader's theme button and the system setting both change the page's colours.
    const recolour = (): void => {
      created.options.theme = terminalTheme();
    };
    const scheme = matchMedia("(prefers-color-scheme: dark)");
    document.addEventListener("vmlab:themechange", recolour);
    scheme.addEventListener("change", recolour);
    cleanups.push(
      () => dataListener.dispose(),
      () => resize.disconnect(),
      () => document.removeEventListener("vmlab:themechange", recolour),
      () => scheme.removeEventListener("change", recolour),
      () => created.dispose(),
    );
    if (queued !== "") {
      session.feed(queued);
      queued = "";
    }
  }

  return {
    session,
    attach: (element) => (attaching ??= attach(element)),
    get attached() {
      return terminal !== undefined;
    },
    queueKeys: (data) => {
      if (terminal === undefined) queued = (queued + data).slice(-4096);
      else session.feed(data);
    },
    setSpeed: (speed) => {
      session.speed = speed;
    },
    setScreenReaderMode: (on) => {
      screenReaderMode = on;
      if (terminal !== undefined) terminal.options.screenReaderMode = on;
    },
    focus: () => terminal?.focus(),
    dispose: () => {
      disposed = true;
      unregisterLab(options.lab, session.lab);
      session.dispose();
      for (const cleanup of cleanups) cleanup();
    },
  };
}

/** Simulator and terminal at once: embed pages, where the console is the page. */
export async function mountConsole(element: HTMLElement, options: MountOptions): Promise<MountedConsole> {
  const started = await startConsole(options, () => 80);
  await started.attach(element);
  return started;
}
