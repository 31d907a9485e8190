/**
 * The command language's syntax tree: the subset of bash's grammar the
 * console speaks (bash(1) "SHELL GRAMMAR", POSIX XCU 2.10). The parser
 * builds it; the interpreter walks it. Nothing here runs anything.
 */

/** One piece of a word, before expansion. */
export type WordPart =
  /** Text as written. `quoted` is true inside '…', "…" or after a backslash: no globbing, no splitting. */
  | { readonly kind: "literal"; readonly text: string; readonly quoted: boolean }
  /** `$NAME`, `${NAME}`, and the specials `$?`, `$$`, `$!`, `$#`, `$0`..`$9`, `$@`, `$*`. */
  | { readonly kind: "param"; readonly name: string; readonly quoted: boolean }
  /** `$(( expression ))`: shell arithmetic, the expression text as written. */
  | { readonly kind: "arith"; readonly text: string; readonly quoted: boolean }
  /** `$(…)` or `` `…` ``. */
  | { readonly kind: "command"; readonly script: Script; readonly quoted: boolean }
  /** A leading unquoted `~` (tilde expansion to $HOME). */
  | { readonly kind: "tilde" };

export interface Word {
  readonly parts: readonly WordPart[];
}

export type RedirectOp =
  | ">" // truncate
  | ">>" // append
  | "<" // read
  | ">&" // duplicate output fd: `2>&1`
  | "<&"; // duplicate input fd

export interface Redirect {
  /** The fd being redirected: 1 for `>`, 0 for `<` unless written (`2>`). */
  readonly fd: number;
  readonly op: RedirectOp;
  readonly target: Word;
}

export interface Assignment {
  readonly name: string;
  readonly value: Word;
}

export interface SimpleCommand {
  readonly kind: "simple";
  /** `VAR=value` words before the command name. */
  readonly assignments: readonly Assignment[];
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

/** `( list )`: runs in a copy of the shell's state. */
export interface Subshell {
  readonly kind: "subshell";
  readonly body: Script;
  readonly redirects: readonly Redirect[];
}

export type Command = SimpleCommand | Subshell;

export interface Pipeline {
  /** A leading `!` inverts the exit status. */
  readonly negated: boolean;
  readonly commands: readonly Command[];
}

export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: "&&" | "||"; readonly pipeline: Pipeline }[];
}

export interface ListItem {
  readonly command: AndOr;
  /** Terminated by `&`: runs as a background job. */
  readonly background: boolean;
}

export interface Script {
  readonly items: readonly ListItem[];
}
