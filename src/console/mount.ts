/**
 * Loads xterm.js and its stylesheet on demand and binds it to a console
 * session. Only the island imports this, and only once the console is
 * reached: xterm touches `self` at import time, so it must never load on the
 * server or before it is needed.
 */
import xtermCssUrl from "@xterm/xterm/css/xterm.css?url";
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
  setSpeed(speed: number): void;
  setScreenReaderMode(on: boolean): void;
  focus(): void;
  dispose(): void;
}

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

export async function mountConsole(element: HTMLElement, options: MountOptions): Promise<MountedConsole> {
  const [{ Terminal }, { FitAddon }] = await Promise.all([
    import("@xterm/xterm"),
    import("@xterm/addon-fit"),
    loadStylesheet(xtermCssUrl),
  ]);
  const terminal = new Terminal({
    // The Unicode width API is marked experimental in xterm.js 6.
    allowProposedApi: true,
    convertEol: true,
    cursorBlink: true,
    fontFamily: cssVar("--font-mono", "monospace"),
    fontSize: 14,
    scrollback: 2000,
    rows: 18,
    theme: {
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
    },
  });
  // xterm.js defaults to Unicode 6 widths (emoji one column); the line editor measures with the
  // newer East Asian Width table, so the terminal must lay out cells with the same one.
  terminal.unicode.register({
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
  terminal.unicode.activeVersion = "vmlab";
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(element);
  terminal.textarea?.setAttribute("aria-label", options.label);
  fit.fit();
  // Only this console's simulator is downloaded, now that the reader has reached it.
  await loadScenario(options.scenario);
  const session = new ConsoleSession({
    lang: options.lang,
    scenario: options.scenario,
    replay: options.replay,
    terminal: { write: (data) => terminal.write(data), columns: () => terminal.cols },
    frames: { nextFrame: () => new Promise((resolve) => requestAnimationFrame(resolve)) },
    yieldToTasks: messageChannelYield(),
  });
  // onData carries keys, pastes and IME-composed text exactly once; onKey would double Hangul syllables.
  const dataListener = terminal.onData((data) => session.feed(data));
  const resize = new ResizeObserver(() => {
    fit.fit();
    session.editor.redraw();
  });
  resize.observe(element);
  registerLab(options.lab, session.lab);
  await session.start();
  return {
    session,
    setSpeed: (speed) => {
      session.speed = speed;
    },
    setScreenReaderMode: (on) => {
      terminal.options.screenReaderMode = on;
    },
    focus: () => terminal.focus(),
    dispose: () => {
      unregisterLab(options.lab, session.lab);
      session.dispose();
      resize.disconnect();
      dataListener.dispose();
      terminal.dispose();
    },
  };
}
