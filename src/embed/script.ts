/**
 * The `run=` parameter of a scenario link: the commands to replay, one per
 * line, as base64url (RFC 4648 §5, no padding) of their UTF-8 bytes. base64url
 * needs no percent-encoding in a query string, and carries any text — Hangul,
 * quotes, `&`, `#`, `%` — unchanged, where a plain query value would be
 * mangled by `+`-as-space and by whoever copies the link.
 */

/** Longest `run=` value accepted, in characters: 6 KiB of script, a link still well under 8 KiB. */
export const maxRunParamChars = 8192;
/** Most commands one link replays. */
export const maxScriptCommands = 100;
/** Longest single command, in UTF-16 code units (a line the reader could type). */
export const maxCommandChars = 2000;

export type ScriptProblem =
  "run-too-long" | "run-encoding" | "run-control" | "run-too-many" | "run-command-too-long";

export type ScriptResult = { ok: true; commands: string[] } | { ok: false; problem: ScriptProblem };

const base64urlPattern = /^[A-Za-z0-9_-]*={0,2}$/;
/**
 * C0 controls, DEL and C1 controls. The console's line editor reads keys:
 * a tab completes, ESC starts a cursor key, ^C interrupts. A command in a
 * link is text to type, so it may hold none of them (a newline separates
 * commands). Lone surrogates cannot come out of the strict UTF-8 decoder.
 */
const controlPattern = /[\u0000-\u001f\u007f-\u009f]/;

function bytesToBase64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64urlToBytes(text: string): Uint8Array | undefined {
  if (!base64urlPattern.test(text)) return undefined;
  const bare = text.replace(/=+$/, "");
  // A length of 4n+1 cannot come from any byte string (RFC 4648 §4).
  if (bare.length % 4 === 1) return undefined;
  const padded = bare.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (bare.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return undefined;
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Checks commands as a link may carry them (shared by the encoder and the decoder). */
export function checkCommands(commands: readonly string[]): ScriptProblem | undefined {
  if (commands.length > maxScriptCommands) return "run-too-many";
  for (const command of commands) {
    if (controlPattern.test(command)) return "run-control";
    if (command.length > maxCommandChars) return "run-command-too-long";
  }
  return undefined;
}

/** The `run=` value for commands; an error if they cannot make a link (too many, too long, control characters). */
export function encodeScript(
  commands: readonly string[],
): { ok: true; value: string } | { ok: false; problem: ScriptProblem } {
  const problem = checkCommands(commands);
  if (problem !== undefined) return { ok: false, problem };
  const value = bytesToBase64url(new TextEncoder().encode(commands.join("\n")));
  if (value.length > maxRunParamChars) return { ok: false, problem: "run-too-long" };
  return { ok: true, value };
}

/** The commands of a `run=` value, or why it is refused. Nothing in it is ever run unless all of it is valid. */
export function decodeScript(value: string): ScriptResult {
  if (value.length > maxRunParamChars) return { ok: false, problem: "run-too-long" };
  const bytes = base64urlToBytes(value);
  if (bytes === undefined) return { ok: false, problem: "run-encoding" };
  let text: string;
  try {
    // fatal: malformed UTF-8 is an error, not U+FFFD (WHATWG Encoding §4.2).
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, problem: "run-encoding" };
  }
  if (text === "") return { ok: true, commands: [] };
  const commands = text.split("\n");
  const problem = checkCommands(commands);
  if (problem !== undefined) return { ok: false, problem };
  return { ok: true, commands };
}
