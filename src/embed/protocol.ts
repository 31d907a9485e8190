/**
 * The messages between an embedded simulator and the page that frames it
 * (window.postMessage, HTML Living Standard §9.4.3). Version 1.
 *
 * Every message, both ways, is a plain object `{ source: "vmlab", version: 1,
 * type, … }`. The embed posts to its parent with targetOrigin "*" because a
 * course page can live on any origin, so it posts nothing the reader did not
 * type or the simulator did not print. It accepts a message only from its
 * parent window and only if it is exactly one of the documented host messages;
 * everything else is ignored without a reply.
 */
import { checkCommands, maxCommandChars } from "./script";
import type { Sim } from "./sims";

export const protocolSource = "vmlab";
export const protocolVersion = 1;

/** Where a command came from: the `run=` script, the reader's keyboard, or a `run` message of the host. */
export type CommandOrigin = "script" | "reader" | "host";

/** Longest command output a `command` event carries, in UTF-16 code units; longer output is cut. */
export const maxOutputChars = 16_384;

export type EmbedEvent =
  | { type: "ready"; sim: Sim; scenario: string; lang: "ko" | "en"; commands: number; autorun: boolean }
  | { type: "height"; height: number }
  | {
      type: "command";
      command: string;
      status: number;
      /** What the command printed, colours removed, "\n" line ends, at most maxOutputChars. */
      output: string;
      truncated: boolean;
      origin: CommandOrigin;
      /** The `id` of the host's `run` message this answers. */
      id?: string;
    }
  | { type: "milestone"; id: string }
  | { type: "reset" };

export type EmbedMessage = EmbedEvent & { source: typeof protocolSource; version: typeof protocolVersion };

export function embedMessage(event: EmbedEvent): EmbedMessage {
  return { source: protocolSource, version: protocolVersion, ...event };
}

export type HostMessage = { type: "run"; command: string; id?: string } | { type: "reset" };

/** The longest `id` a host may attach to a `run`, and its characters: an opaque token, not text. */
export const maxIdChars = 64;
const idPattern = /^[A-Za-z0-9._:-]+$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}

/**
 * The host message in `data`, or undefined for anything that is not exactly a
 * documented one: another source or version, an unknown type, an extra field,
 * a field of the wrong type, a command over the size cap or with control
 * characters (they would act as keys in the line editor).
 */
export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (!isPlainObject(data)) return undefined;
  if (data["source"] !== protocolSource || data["version"] !== protocolVersion) return undefined;
  switch (data["type"]) {
    case "reset":
      return hasOnlyKeys(data, ["source", "version", "type"]) ? { type: "reset" } : undefined;
    case "run": {
      if (!hasOnlyKeys(data, ["source", "version", "type", "command", "id"])) return undefined;
      const command = data["command"];
      const id = data["id"];
      if (typeof command !== "string" || command.trim() === "" || command.length > maxCommandChars)
        return undefined;
      if (command.includes("\n") || checkCommands([command]) !== undefined) return undefined;
      if (id === undefined) return { type: "run", command };
      if (typeof id !== "string" || id.length > maxIdChars || !idPattern.test(id)) return undefined;
      return { type: "run", command, id };
    }
    default:
      return undefined;
  }
}

/** SGR and other CSI sequences (ECMA-48 §5.4) and OSC strings: the output a course page reads is plain text. */
const escapePattern = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function plainOutput(text: string): { output: string; truncated: boolean } {
  const plain = text.replace(escapePattern, "").replace(/\r\n?/g, "\n");
  if (plain.length <= maxOutputChars) return { output: plain, truncated: false };
  return { output: plain.slice(0, maxOutputChars).toWellFormed(), truncated: true };
}
