/**
 * The console's tokenizer and parser: one line (or a pasted block) of bash
 * in, the syntax tree of `./ast` out. Nothing is expanded or run here.
 *
 * Sources, by section of bash(1) (bash 5.2 manual, "Shell Grammar",
 * "Quoting", "Expansion", "Redirections") and POSIX XCU 2.2–2.10 (Shell
 * Command Language: 2.2 Quoting, 2.3 Token Recognition, 2.6 Word
 * Expansions, 2.7 Redirection, 2.9 Shell Commands, 2.10 Shell Grammar).
 * Error kinds and tokens follow what bash 5.2 prints for `bash -c '…'`.
 *
 * Shape: a recursive-descent parser over the source string with an
 * on-demand lexer (one cached token). `$(…)` is parsed by re-entering the
 * same parser at the position after `$(` until the matching `)` token, as
 * bash's parse_comsub does, so quotes and parentheses inside are handled by
 * the grammar itself (`$(echo ")")`). Backquotes are first un-escaped per
 * bash(1) "Command Substitution" and the inner text is parsed by a new parser.
 * Every text is built from slices and arrays (no per-character string
 * concatenation), so a 1 MB line is parsed in linear time; nesting is capped
 * at `maxNestingDepth` so no input can exhaust the JavaScript stack.
 */
import type {
  AndOr,
  Assignment,
  Command,
  ListItem,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  Word,
  WordPart,
} from "./ast";

/**
 * - "unexpected-token": bash prints `syntax error near unexpected token 'X'`; X is `newline` at the end of input.
 * - "unexpected-eof": `unexpected EOF while looking for matching 'C'`, C the quote, `` ` ``, `)` or `}` sought.
 * - "unexpected-end": bash prints `syntax error: unexpected end of file` (no token), e.g. `echo a |`, `(a`.
 * - "bad-substitution": `${…}` whose contents are not a name, a positional number or a special
 *   (bash prints `${x y}: bad substitution`; token is the whole `${…}` text). Bash reports this when the word is
 *   expanded, not when parsed; the tree has no node for `${…}` operators, so it is reported here.
 * - "too-deep": `(`, `$(` or backquotes nested beyond `maxNestingDepth`.
 */
export type ShellSyntaxErrorKind =
  "unexpected-token" | "unexpected-eof" | "unexpected-end" | "bad-substitution" | "too-deep";

export class ShellSyntaxError extends Error {
  readonly kind: ShellSyntaxErrorKind;
  /** The offending token as written, `newline` at end of input; the sought character for "unexpected-eof"; "" otherwise. */
  readonly token: string;

  constructor(kind: ShellSyntaxErrorKind, token: string) {
    super(debugMessage(kind, token));
    this.name = "ShellSyntaxError";
    this.kind = kind;
    this.token = token;
  }
}

/** Debug text only: the shell localizes from `kind` and `token`. Quoting style of bash 5.3 ('X'). */
function debugMessage(kind: ShellSyntaxErrorKind, token: string): string {
  switch (kind) {
    case "unexpected-token":
      return `syntax error near unexpected token '${token}'`;
    case "unexpected-eof":
      return `unexpected EOF while looking for matching '${token}'`;
    case "unexpected-end":
      return "syntax error: unexpected end of file";
    case "bad-substitution":
      return `${token}: bad substitution`;
    case "too-deep":
      return `nesting deeper than ${maxNestingDepth} levels`;
  }
}

/** Deepest nesting of `( … )`, `$( … )` and `` ` … ` `` accepted; bash has no such limit, a page must. */
export const maxNestingDepth = 64;

/** Parses one input (a line, or several lines separated by newlines) into a script. Throws ShellSyntaxError only. */
export function parse(source: string): Script {
  return new Parser(source, 0).parseScript();
}

type Operator =
  | ";;&"
  | ";;"
  | ";&"
  | ";"
  | "&&"
  | "&>>"
  | "&>"
  | "&"
  | "||"
  | "|&"
  | "|"
  | "("
  | ")"
  | "<<<"
  | "<<-"
  | "<<"
  | "<&"
  | "<>"
  | "<"
  | ">>"
  | ">&"
  | ">|"
  | ">";

// bash(1) DEFINITIONS "control operator" and REDIRECTION operators, longest first so that the
// lexer takes the longest match (POSIX XCU 2.3 rule 2–3).
const operators: readonly Operator[] = [
  ";;&",
  ";;",
  ";&",
  ";",
  "&&",
  "&>>",
  "&>",
  "&",
  "||",
  "|&",
  "|",
  "(",
  ")",
  "<<<",
  "<<-",
  "<<",
  "<&",
  "<>",
  "<",
  ">>",
  ">&",
  ">|",
  ">",
];

const redirectionOperators: ReadonlySet<Operator> = new Set<Operator>([
  "<<<",
  "<<-",
  "<<",
  "<&",
  "<>",
  "<",
  ">>",
  ">&",
  ">|",
  ">",
  "&>>",
  "&>",
]);

/**
 * Reserved words that close a compound command: bash rejects them where a command starts
 * (`bash -c 'fi'` → syntax error near unexpected token 'fi'). The compound commands they
 * close (`if`, `while`, `for`, `case`, `{ …; }`) are not part of the console's language.
 */
const closingReservedWords: ReadonlySet<string> = new Set([
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "esac",
  "}",
  "in",
]);

type Token =
  | {
      readonly type: "word";
      readonly word: Word;
      readonly text: string;
      readonly end: number;
    }
  | {
      readonly type: "op";
      readonly op: Operator;
      /** The IO number written directly before a redirection operator (`2>`), else null. */
      readonly fd: number | null;
      readonly text: string;
      readonly end: number;
    }
  | { readonly type: "newline"; readonly end: number }
  | { readonly type: "eof"; readonly end: number };

/** bash(1) DEFINITIONS: "name … letters, numbers, and underscores, beginning with a letter or underscore". */
function isNameStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
}
function isNameChar(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
/** bash(1) "Special Parameters" (`$-` included: bash expands it to the option flags). */
function isSpecialParam(c: string): boolean {
  return c === "?" || c === "$" || c === "!" || c === "#" || c === "@" || c === "*" || c === "-";
}
/** bash(1) DEFINITIONS: blank = space or tab; metacharacter = `| & ; ( ) < >`, space, tab, newline. */
function endsWord(c: string): boolean {
  return (
    c === " " ||
    c === "\t" ||
    c === "\n" ||
    c === "|" ||
    c === "&" ||
    c === ";" ||
    c === "(" ||
    c === ")" ||
    c === "<" ||
    c === ">"
  );
}
/** Characters that end a run of plain unquoted text inside a word. */
function isWordSpecial(c: string): boolean {
  return endsWord(c) || c === "\\" || c === "'" || c === '"' || c === "$" || c === "`";
}
function isHex(c: string): boolean {
  return isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const assignmentPrefix = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Accumulates the parts of one word, merging adjacent literals of equal quotedness. */
class WordBuilder {
  readonly parts: WordPart[] = [];
  private pieces: string[] = [];
  private pendingQuoted: boolean | null = null;
  /** Counts every literal and part added, so a caller can tell whether a quoted span added anything. */
  added = 0;

  literal(text: string, quoted: boolean): void {
    this.added += 1;
    if (this.pendingQuoted !== quoted) {
      this.flush();
      this.pendingQuoted = quoted;
    }
    this.pieces.push(text);
  }

  part(part: WordPart): void {
    this.added += 1;
    this.flush();
    this.parts.push(part);
  }

  finish(): Word {
    this.flush();
    return { parts: withLeadingTilde(this.parts) };
  }

  private flush(): void {
    if (this.pendingQuoted === null) return;
    this.parts.push({ kind: "literal", text: this.pieces.join(""), quoted: this.pendingQuoted });
    this.pieces = [];
    this.pendingQuoted = null;
  }
}

/**
 * bash(1) "Tilde Expansion": a word beginning with an unquoted `~` has a tilde-prefix up to the first
 * unquoted slash; with no characters after the `~` it means $HOME. `~user`, `~+`, `~-` are kept literal
 * (the tree's tilde part has no user), as is a prefix containing quoted characters (`~"/x"`).
 */
function withLeadingTilde(parts: readonly WordPart[]): WordPart[] {
  const first = parts[0];
  if (first === undefined || first.kind !== "literal" || first.quoted) return [...parts];
  const text = first.text;
  if (text === "~" && parts.length === 1) return [{ kind: "tilde" }];
  if (!text.startsWith("~/")) return [...parts];
  return [{ kind: "tilde" }, { kind: "literal", text: text.slice(1), quoted: false }, ...parts.slice(1)];
}

class Parser {
  private readonly src: string;
  private pos = 0;
  private depth: number;
  /** How many `$(` of this parser enclose the current point: EOF there is "looking for matching ')'". */
  private comsubDepth = 0;
  private cache: { readonly start: number; readonly token: Token } | null = null;

  constructor(src: string, depth: number) {
    this.src = src;
    this.depth = depth;
  }

  parseScript(): Script {
    const script = this.parseList(false);
    const tok = this.peek();
    if (tok.type !== "eof") throw this.unexpected(tok);
    return script;
  }

  // ---- grammar (bash(1) "SHELL GRAMMAR"; POSIX XCU 2.10) ----

  /** A list of and-or lists separated by `;`, `&` or newlines, up to EOF or (when `nested`) a `)`. */
  private parseList(nested: boolean): Script {
    const items: ListItem[] = [];
    for (;;) {
      this.skipNewlines();
      const tok = this.peek();
      if (tok.type === "eof") {
        if (nested) throw this.endOfInput();
        break;
      }
      if (nested && tok.type === "op" && tok.op === ")") break;
      const command = this.parseAndOr();
      const after = this.peek();
      if (after.type === "op" && (after.op === ";" || after.op === "&")) {
        this.advance();
        items.push({ command, background: after.op === "&" });
      } else if (
        after.type === "newline" ||
        after.type === "eof" ||
        (nested && after.type === "op" && after.op === ")")
      ) {
        items.push({ command, background: false });
      } else {
        throw this.unexpected(after);
      }
    }
    return { items };
  }

  /** bash(1) "Lists": `&&` and `||` have equal precedence and associate to the left; newlines may follow them. */
  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: { op: "&&" | "||"; pipeline: Pipeline }[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.type !== "op" || (tok.op !== "&&" && tok.op !== "||")) break;
      this.advance();
      this.skipNewlinesBeforeCommand();
      rest.push({ op: tok.op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  /**
   * bash(1) "Pipelines": `[!] command [| command]…`. `!` is a reserved word, recognized only as a whole
   * unquoted word at the start (bash accepts `! ! a`, and `!` alone, which is false); `a | ! b` is an error.
   * `|&` is `2>&1 |`, the redirection applied after the command's own ones.
   */
  private parsePipeline(): Pipeline {
    let negated = false;
    for (;;) {
      const tok = this.peek();
      if (tok.type !== "word" || tok.text !== "!") break;
      this.advance();
      negated = !negated;
    }
    if (negated) {
      const tok = this.peek();
      if (tok.type === "eof" || tok.type === "newline" || (tok.type === "op" && tok.op === ";")) {
        return { negated, commands: [] };
      }
    }
    const commands: Command[] = [this.parseCommand()];
    for (;;) {
      const tok = this.peek();
      if (tok.type !== "op" || (tok.op !== "|" && tok.op !== "|&")) break;
      this.advance();
      if (tok.op === "|&") {
        const last = commands.pop();
        if (last !== undefined) commands.push(withRedirect(last, stderrToStdout()));
      }
      this.skipNewlinesBeforeCommand();
      const next = this.peek();
      if (next.type === "word" && next.text === "!") throw this.unexpected(next);
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  private parseCommand(): Command {
    const tok = this.peek();
    if (tok.type === "op" && tok.op === "(") return this.parseSubshell();
    return this.parseSimpleCommand();
  }

  /** bash(1) "Compound Commands" `( list )`; an empty list is an error at the `)`. */
  private parseSubshell(): Command {
    this.enterNesting();
    this.advance();
    const body = this.parseList(true);
    const close = this.peek();
    if (body.items.length === 0) throw this.unexpected(close);
    this.advance();
    this.depth -= 1;
    const redirects: Redirect[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.type === "op" && redirectionOperators.has(tok.op)) {
        this.parseRedirect(tok, redirects);
        continue;
      }
      if (tok.type === "word" || (tok.type === "op" && tok.op === "(")) throw this.unexpected(tok);
      break;
    }
    return { kind: "subshell", body, redirects };
  }

  private parseSimpleCommand(): SimpleCommand {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.type === "word") {
        if (words.length === 0) {
          const assignment = asAssignment(tok.word);
          if (assignment !== null) {
            assignments.push(assignment);
            this.advance();
            continue;
          }
          if (assignments.length === 0 && redirects.length === 0 && closingReservedWords.has(tok.text)) {
            throw this.unexpected(tok);
          }
        }
        words.push(tok.word);
        this.advance();
      } else if (tok.type === "op" && redirectionOperators.has(tok.op)) {
        this.parseRedirect(tok, redirects);
      } else if (tok.type === "op" && tok.op === "(") {
        // `name (` starts a function definition in bash (`f () { …; }`), which the console does not
        // have; bash then wants `)`, so `echo (a)` fails at `a` and `a (` at `newline`.
        if (words.length === 1 && assignments.length === 0 && redirects.length === 0) {
          this.advance();
          const next = this.peek();
          if (next.type === "op" && next.op === ")") throw this.unexpected(tok);
          throw this.unexpected(next);
        }
        throw this.unexpected(tok);
      } else {
        break;
      }
    }
    if (assignments.length === 0 && words.length === 0 && redirects.length === 0) {
      const tok = this.peek();
      if (tok.type === "eof") throw this.endOfInput();
      throw this.unexpected(tok);
    }
    return { kind: "simple", assignments, words, redirects };
  }

  /**
   * bash(1) "REDIRECTION". `[n]>`, `[n]>|` (no noclobber here: same as `>`), `[n]>>`, `[n]<`, `[n]>&m`, `[n]<&m`;
   * `&>w` and `&>>w` ("Redirecting Standard Output and Standard Error") become `>w`/`>>w` of fd 1 followed by
   * `2>&1`, the equivalence the manual states; `>&w` with no fd and a literal w that is not digits or `-` is the
   * same as `&>w`. Here-documents, here-strings and `<>` are not part of the console's language.
   */
  private parseRedirect(tok: Extract<Token, { type: "op" }>, into: Redirect[]): void {
    this.advance();
    const targetTok = this.peek();
    if (targetTok.type !== "word") throw this.unexpected(targetTok);
    this.advance();
    const target = targetTok.word;
    switch (tok.op) {
      case ">":
      case ">|":
        into.push({ fd: tok.fd ?? 1, op: ">", target });
        return;
      case ">>":
        into.push({ fd: tok.fd ?? 1, op: ">>", target });
        return;
      case "<":
        into.push({ fd: tok.fd ?? 0, op: "<", target });
        return;
      case "<&":
        into.push({ fd: tok.fd ?? 0, op: "<&", target });
        return;
      case ">&": {
        const text = literalText(target);
        if (tok.fd === null && text !== null && text !== "-" && !/^[0-9]+$/.test(text)) {
          into.push({ fd: 1, op: ">", target }, stderrToStdout());
        } else {
          into.push({ fd: tok.fd ?? 1, op: ">&", target });
        }
        return;
      }
      case "&>":
        into.push({ fd: 1, op: ">", target }, stderrToStdout());
        return;
      case "&>>":
        into.push({ fd: 1, op: ">>", target }, stderrToStdout());
        return;
      default:
        throw this.unexpected(tok);
    }
  }

  // ---- errors ----

  private unexpected(tok: Token): ShellSyntaxError {
    if (tok.type === "eof" || tok.type === "newline")
      return new ShellSyntaxError("unexpected-token", "newline");
    return new ShellSyntaxError("unexpected-token", tok.text);
  }

  /** EOF where the grammar needs more: inside `$(` bash is looking for `)`, elsewhere the file ended early. */
  private endOfInput(): ShellSyntaxError {
    return this.comsubDepth > 0
      ? new ShellSyntaxError("unexpected-eof", ")")
      : new ShellSyntaxError("unexpected-end", "");
  }

  private enterNesting(): void {
    this.depth += 1;
    if (this.depth > maxNestingDepth) throw new ShellSyntaxError("too-deep", "");
  }

  // ---- tokens ----

  private skipNewlines(): void {
    while (this.peek().type === "newline") this.advance();
  }

  /** After `|`, `&&`, `||` bash reads on (newlines allowed); at EOF it reports the early end. */
  private skipNewlinesBeforeCommand(): void {
    this.skipNewlines();
    if (this.peek().type === "eof") throw this.endOfInput();
  }

  private peek(): Token {
    const cached = this.cache;
    if (cached !== null && cached.start === this.pos) return cached.token;
    const start = this.pos;
    const token = this.lex(start);
    this.pos = start;
    this.cache = { start, token };
    return token;
  }

  private advance(): void {
    this.pos = this.peek().end;
  }

  /** POSIX XCU 2.3 Token Recognition, bash's variant (`;;&`, `|&`, `&>`, `&>>`). */
  private lex(from: number): Token {
    const src = this.src;
    let i = from;
    for (;;) {
      const c = src[i];
      if (c === " " || c === "\t") {
        i += 1;
      } else if (c === "\\" && src[i + 1] === "\n") {
        // bash(1) QUOTING "Escape Character": backslash-newline is a line continuation, removed from the input.
        i += 2;
      } else if (c === "#") {
        // bash(1) "COMMENTS": `#` at the start of a word comments out the rest of the line.
        const nl = src.indexOf("\n", i);
        i = nl === -1 ? src.length : nl;
      } else {
        break;
      }
    }
    const c = src[i];
    if (c === undefined) return { type: "eof", end: i };
    if (c === "\n") return { type: "newline", end: i + 1 };
    // POSIX XCU 2.10.1 rule for IO_NUMBER: a word of digits only, delimited by `<` or `>`.
    let d = i;
    while (isDigit(src[d] ?? "")) d += 1;
    if (d > i && (src[d] === "<" || src[d] === ">")) {
      const op = matchOperator(src, d);
      if (op !== null) {
        return {
          type: "op",
          op,
          fd: Number(src.slice(i, d)),
          text: src.slice(i, d + op.length),
          end: d + op.length,
        };
      }
    }
    const op = matchOperator(src, i);
    if (op !== null) return { type: "op", op, fd: null, text: op, end: i + op.length };
    const { word, end } = this.lexWord(i);
    return { type: "word", word, text: src.slice(i, end), end };
  }

  private lexWord(from: number): { word: Word; end: number } {
    const src = this.src;
    const b = new WordBuilder();
    let i = from;
    for (;;) {
      const c = src[i];
      if (c === undefined || endsWord(c)) break;
      if (c === "\\") {
        // bash(1) QUOTING "Escape Character": a non-quoted backslash preserves the next character;
        // backslash-newline is removed; a trailing backslash stays as written (`echo a\` prints `a\`).
        const cp = src.codePointAt(i + 1);
        if (cp === undefined) {
          b.literal("\\", false);
          i += 1;
        } else if (cp === 0x0a) {
          i += 2;
        } else {
          const len = cp > 0xffff ? 2 : 1;
          b.literal(src.slice(i + 1, i + 1 + len), true);
          i += 1 + len;
        }
      } else if (c === "'") {
        // bash(1) "Single Quotes": every character literal; a single quote cannot occur inside.
        const close = src.indexOf("'", i + 1);
        if (close === -1) throw new ShellSyntaxError("unexpected-eof", "'");
        b.literal(src.slice(i + 1, close), true);
        i = close + 1;
      } else if (c === '"') {
        i = this.lexDoubleQuoted(i + 1, b);
      } else if (c === "`") {
        i = this.lexBackquote(i + 1, false, b);
      } else if (c === "$") {
        i = this.lexDollar(i, false, b);
      } else {
        let j = i + 1;
        while (j < src.length && !isWordSpecial(src[j] ?? "")) j += 1;
        b.literal(src.slice(i, j), false);
        i = j;
      }
    }
    return { word: b.finish(), end: i };
  }

  /**
   * bash(1) "Double Quotes": literal except `$`, `` ` ``, and `\`; the backslash escapes only
   * `$ ` " \` and newline (removed), and otherwise stays. `from` is just after the opening quote.
   */
  private lexDoubleQuoted(from: number, b: WordBuilder): number {
    const src = this.src;
    const before = b.added;
    let i = from;
    for (;;) {
      const c = src[i];
      if (c === undefined) throw new ShellSyntaxError("unexpected-eof", '"');
      if (c === '"') {
        if (b.added === before) b.literal("", true); // `""` is an empty argument, not nothing
        return i + 1;
      }
      if (c === "\\") {
        const n = src[i + 1];
        if (n === "\n") {
          i += 2;
        } else if (n === "$" || n === "`" || n === '"' || n === "\\") {
          b.literal(n, true);
          i += 2;
        } else {
          b.literal("\\", true);
          i += 1;
        }
      } else if (c === "$") {
        i = this.lexDollar(i, true, b);
      } else if (c === "`") {
        i = this.lexBackquote(i + 1, true, b);
      } else {
        let j = i + 1;
        while (j < src.length) {
          const x = src[j];
          if (x === '"' || x === "\\" || x === "$" || x === "`") break;
          j += 1;
        }
        b.literal(src.slice(i, j), true);
        i = j;
      }
    }
  }

  /** `at` is the `$`. Returns the index after the expansion. */
  private lexDollar(at: number, inDoubleQuotes: boolean, b: WordBuilder): number {
    const src = this.src;
    const c = src[at + 1];
    if (c === "(" && src[at + 2] === "(") {
      // bash: `$((` starts arithmetic when a matching `))` closes it, otherwise a command substitution.
      const end = arithmeticEnd(src, at + 3);
      if (end !== -1) {
        b.part({ kind: "arith", text: src.slice(at + 3, end), quoted: inDoubleQuotes });
        return end + 2;
      }
    }
    if (c === "(") return this.lexCommandSubstitution(at + 2, inDoubleQuotes, b);
    if (c === "{") {
      // bash(1) "Parameter Expansion": `${parameter}`; only the plain forms are in the console's language.
      const close = src.indexOf("}", at + 2);
      if (close === -1) throw new ShellSyntaxError("unexpected-eof", "}");
      const name = src.slice(at + 2, close);
      const valid =
        namePattern.test(name) || /^[0-9]+$/.test(name) || (name.length === 1 && isSpecialParam(name));
      if (!valid) throw new ShellSyntaxError("bad-substitution", src.slice(at, close + 1));
      b.part({ kind: "param", name, quoted: inDoubleQuotes });
      return close + 1;
    }
    if (c !== undefined && isNameStart(c)) {
      let j = at + 2;
      while (j < src.length && isNameChar(src[j] ?? "")) j += 1;
      b.part({ kind: "param", name: src.slice(at + 1, j), quoted: inDoubleQuotes });
      return j;
    }
    // bash(1) "Positional Parameters": `$10` is `$1` then `0`; multi-digit needs braces.
    if (c !== undefined && (isDigit(c) || isSpecialParam(c))) {
      b.part({ kind: "param", name: c, quoted: inDoubleQuotes });
      return at + 2;
    }
    if (!inDoubleQuotes && c === "'") return this.lexAnsiC(at + 2, b);
    // bash(1) QUOTING: `$"…"` is translated per locale; the console has no message catalogue, so it is "…".
    if (!inDoubleQuotes && c === '"') return this.lexDoubleQuoted(at + 2, b);
    b.literal("$", inDoubleQuotes);
    return at + 1;
  }

  /** `$(list)`: the parser itself reads the list up to its `)` (bash parse_comsub). `from` follows `$(`. */
  private lexCommandSubstitution(from: number, inDoubleQuotes: boolean, b: WordBuilder): number {
    this.enterNesting();
    const saved = this.pos;
    this.pos = from;
    this.cache = null;
    this.comsubDepth += 1;
    const script = this.parseList(true);
    const close = this.peek(); // `)`: parseList stops only there (or throws)
    this.comsubDepth -= 1;
    this.depth -= 1;
    this.pos = saved;
    this.cache = null;
    b.part({ kind: "command", script, quoted: inDoubleQuotes });
    return close.end;
  }

  /**
   * bash(1) "Command Substitution": in the old form backslash keeps its literal meaning except before
   * `$`, `` ` `` or `\`; inside double quotes `\"` also loses its backslash (POSIX XCU 2.6.3). The text so
   * un-escaped is parsed as a script of its own. `from` follows the opening backquote.
   */
  private lexBackquote(from: number, inDoubleQuotes: boolean, b: WordBuilder): number {
    const src = this.src;
    const pieces: string[] = [];
    let runStart = from;
    let i = from;
    for (;;) {
      const c = src[i];
      if (c === undefined) throw new ShellSyntaxError("unexpected-eof", "`");
      if (c === "`") break;
      if (c === "\\") {
        const n = src[i + 1];
        if (n === "$" || n === "`" || n === "\\" || (inDoubleQuotes && n === '"')) {
          pieces.push(src.slice(runStart, i), n);
          i += 2;
          runStart = i;
          continue;
        }
        i += n === undefined ? 1 : 2;
        continue;
      }
      i += 1;
    }
    pieces.push(src.slice(runStart, i));
    this.enterNesting();
    const inner = new Parser(pieces.join(""), this.depth);
    const script = inner.parseScript();
    this.depth -= 1;
    b.part({ kind: "command", script, quoted: inDoubleQuotes });
    return i + 1;
  }

  /**
   * bash(1) QUOTING "ANSI-C Quoting": `$'…'` with backslash escapes. A NUL ends the string (bash's
   * strings are C strings: `echo $'a\x00b'` prints `a`). Bytes from `\xHH`/octal are taken as the
   * code point U+00HH (bash emits the raw byte). `from` follows `$'`.
   */
  private lexAnsiC(from: number, b: WordBuilder): number {
    const src = this.src;
    const out: string[] = [];
    let truncated = false;
    let i = from;
    const emit = (s: string): void => {
      if (truncated) return;
      const nul = s.indexOf("\0");
      if (nul === -1) {
        out.push(s);
      } else {
        out.push(s.slice(0, nul));
        truncated = true;
      }
    };
    for (;;) {
      const c = src[i];
      if (c === undefined) throw new ShellSyntaxError("unexpected-eof", "'");
      if (c === "'") break;
      if (c !== "\\") {
        let j = i + 1;
        while (j < src.length && src[j] !== "'" && src[j] !== "\\") j += 1;
        emit(src.slice(i, j));
        i = j;
        continue;
      }
      const e = src[i + 1];
      if (e === undefined) throw new ShellSyntaxError("unexpected-eof", "'");
      i += 2;
      const simple = ansiSimpleEscapes[e];
      if (simple !== undefined) {
        emit(simple);
      } else if (e >= "0" && e <= "7") {
        let j = i;
        while (j < i + 2 && (src[j] ?? "") >= "0" && (src[j] ?? "") <= "7") j += 1;
        emit(String.fromCharCode(parseInt(src.slice(i - 1, j), 8) & 0xff));
        i = j;
      } else if (e === "x" || e === "u" || e === "U") {
        const maxDigits = e === "x" ? 2 : e === "u" ? 4 : 8;
        let j = i;
        while (j < i + maxDigits && isHex(src[j] ?? "")) j += 1;
        const value = parseInt(src.slice(i, j), 16);
        if (j === i || value > 0x10ffff) {
          emit(src.slice(i - 2, j)); // no digits, or beyond Unicode: kept as written
        } else {
          emit(e === "x" ? String.fromCharCode(value) : String.fromCodePoint(value));
        }
        i = j;
      } else if (e === "c") {
        // `\cX`: the control character X & 0x1f
        const x = src.codePointAt(i);
        if (x === undefined || src[i] === "'") {
          emit("\\c");
        } else {
          emit(String.fromCharCode(x & 0x1f));
          i += x > 0xffff ? 2 : 1;
        }
      } else {
        emit("\\" + e);
      }
    }
    b.literal(out.join(""), true);
    return i + 1;
  }
}

const ansiSimpleEscapes: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

function matchOperator(src: string, at: number): Operator | null {
  const c = src[at];
  if (c === undefined || !"|&;()<>".includes(c)) return null;
  for (const op of operators) {
    if (src.startsWith(op, at)) return op;
  }
  return null;
}

/** The word's text when it is made of literals only (quoted or not), else null. */
function literalText(word: Word): string | null {
  const pieces: string[] = [];
  for (const part of word.parts) {
    if (part.kind !== "literal") return null;
    pieces.push(part.text);
  }
  return pieces.join("");
}

function stderrToStdout(): Redirect {
  return { fd: 2, op: ">&", target: { parts: [{ kind: "literal", text: "1", quoted: false }] } };
}

function withRedirect(command: Command, redirect: Redirect): Command {
  return { ...command, redirects: [...command.redirects, redirect] };
}

/**
 * bash(1) "SIMPLE COMMANDS"/"PARAMETERS": a word `name=value` before the command name is an assignment; the
 * name and `=` must be unquoted. bash(1) "Tilde Expansion": a `~` right after the `=` is expanded as well.
 */
function asAssignment(word: Word): Assignment | null {
  const first = word.parts[0];
  if (first === undefined || first.kind !== "literal" || first.quoted) return null;
  const m = assignmentPrefix.exec(first.text);
  if (m === null) return null;
  const name = m[0].slice(0, -1);
  const rest = first.text.slice(m[0].length);
  const valueParts: WordPart[] =
    rest === ""
      ? word.parts.slice(1)
      : [{ kind: "literal", text: rest, quoted: false }, ...word.parts.slice(1)];
  return { name, value: { parts: withLeadingTilde(valueParts) } };
}

/** Index of the `))` that closes `$((` whose expression starts at `from`, or -1. */
function arithmeticEnd(src: string, from: number): number {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) return src[i + 1] === ")" ? i : -1;
      depth--;
    } else if (c === "\n" || c === ";" || c === "|" || c === "&" || c === "'" || c === '"' || c === "`")
      return -1;
  }
  return -1;
}
