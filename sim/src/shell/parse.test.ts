import { describe, expect, it } from "vitest";
import type { Command, Pipeline, Redirect, Script, SimpleCommand, Word, WordPart } from "./ast";
import { parse, ShellSyntaxError, type ShellSyntaxErrorKind } from "./parse";

// ---- builders for expected trees ----
const lit = (text: string, quoted = false): WordPart => ({ kind: "literal", text, quoted });
const param = (name: string, quoted = false): WordPart => ({ kind: "param", name, quoted });
const sub = (script: Script, quoted = false): WordPart => ({ kind: "command", script, quoted });
const tilde: WordPart = { kind: "tilde" };
const w = (...parts: WordPart[]): Word => ({ parts });
/** A word of one unquoted literal. */
const u = (text: string): Word => w(lit(text));
const simple = (
  words: readonly (string | Word)[],
  extra: Partial<Pick<SimpleCommand, "assignments" | "redirects">> = {},
): SimpleCommand => ({
  kind: "simple",
  assignments: extra.assignments ?? [],
  words: words.map((x) => (typeof x === "string" ? u(x) : x)),
  redirects: extra.redirects ?? [],
});
const pipe = (...commands: Command[]): Pipeline => ({ negated: false, commands });
/** A script of one foreground item holding one pipeline. */
const one = (...commands: Command[]): Script => ({
  items: [{ command: { first: pipe(...commands), rest: [] }, background: false }],
});
const redir = (fd: number, op: Redirect["op"], target: string | Word): Redirect => ({
  fd,
  op,
  target: typeof target === "string" ? u(target) : target,
});
const dupErr = redir(2, ">&", "1");

/** The words of the only simple command of a one-command script. */
function onlyCommand(src: string): SimpleCommand {
  const item = parse(src).items[0];
  const cmd = item?.command.first.commands[0];
  if (cmd?.kind !== "simple") throw new Error(`not a simple command: ${src}`);
  return cmd;
}

function syntaxError(src: string): { kind: ShellSyntaxErrorKind; token: string } {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { kind: e.kind, token: e.token };
    throw e;
  }
  throw new Error(`parsed without error: ${JSON.stringify(src)}`);
}

describe("quoting (bash(1) QUOTING)", () => {
  const cases: [string, string, Word[]][] = [
    [
      "blanks split words; runs of blanks and tabs are one separator",
      "echo  a\t b",
      [u("echo"), u("a"), u("b")],
    ],
    // "Escape Character": backslash preserves the literal value of the next character
    ["backslash quotes one character", "echo a\\ b", [u("echo"), w(lit("a"), lit(" ", true), lit("b"))]],
    ["backslash quotes a metacharacter", "echo \\;", [u("echo"), w(lit(";", true))]],
    ["escaped backslash", "echo \\\\", [u("echo"), w(lit("\\", true))]],
    // "Escape Character": \<newline> is a line continuation, removed
    ["line continuation inside a word", "echo ab\\\ncd", [u("echo"), u("abcd")]],
    ["line continuation between words", "echo a \\\n b", [u("echo"), u("a"), u("b")]],
    ["a trailing backslash stays (bash prints `a\\`)", "echo a\\", [u("echo"), u("a\\")]],
    // "Single Quotes": every character literal, backslash included
    ["single quotes keep everything", "echo '$x \\n \"'", [u("echo"), w(lit('$x \\n "', true))]],
    ["empty single quotes are an argument", "echo '' x", [u("echo"), w(lit("", true)), u("x")]],
    ["empty double quotes are an argument", 'echo ""', [u("echo"), w(lit("", true))]],
    // "Double Quotes": backslash escapes only $ ` " \ newline, otherwise it stays
    ['\\$ \\" \\\\ \\` in double quotes', 'echo "\\$\\"\\\\\\`"', [u("echo"), w(lit('$"\\`', true))]],
    ["other backslashes stay in double quotes", 'echo "a\\nb"', [u("echo"), w(lit("a\\nb", true))]],
    ["backslash-newline removed in double quotes", 'echo "a\\\nb"', [u("echo"), w(lit("ab", true))]],
    [
      "double quotes keep blanks and metacharacters",
      'echo "a  |;& b"',
      [u("echo"), w(lit("a  |;& b", true))],
    ],
    ["adjacent quoted spans merge", "echo 'a'\"b\"\\c", [u("echo"), w(lit("abc", true))]],
    ["quotedness changes split parts", "echo a'b'c", [u("echo"), w(lit("a"), lit("b", true), lit("c"))]],
    // "ANSI-C Quoting"
    ["$'…' escapes", "echo $'a\\tb\\n\\\\\\'\\x41'", [u("echo"), w(lit("a\tb\n\\'A", true))]],
    ["$'…' octal, \\u, \\c", "echo $'\\101\\u00e9\\cA'", [u("echo"), w(lit("Aé\x01", true))]],
    ["$'…' unknown escape keeps the backslash", "echo $'\\q'", [u("echo"), w(lit("\\q", true))]],
    // bash: `echo $'a\x00b' x` prints "a x": the string ends at NUL
    ["$'…' ends at NUL", "echo $'a\\x00b' x", [u("echo"), w(lit("a", true)), u("x")]],
    ['$"…" is a double-quoted string', 'echo $"a $b"', [u("echo"), w(lit("a ", true), param("b", true))]],
    ["$'…' is not special inside double quotes", "echo \"$'a'\"", [u("echo"), w(lit("$'a'", true))]],
  ];
  it.each(cases)("%s", (_name, src, words) => {
    expect(parse(src)).toEqual(one(simple(words)));
  });
});

describe("expansions as parts (bash(1) EXPANSION)", () => {
  const cases: [string, string, Word[]][] = [
    ["$NAME takes the longest name", "echo $HOME_1x.y", [u("echo"), w(param("HOME_1x"), lit(".y"))]],
    ["${NAME}", "echo ${a}b", [u("echo"), w(param("a"), lit("b"))]],
    ["${10} is positional parameter 10", "echo ${10}", [u("echo"), w(param("10"))]],
    // "Positional Parameters": more than one digit needs braces, so $10 is $1 then 0
    ["$10 is $1 followed by 0", "echo $10", [u("echo"), w(param("1"), lit("0"))]],
    [
      "specials $? $$ $! $# $0 $@ $*",
      "echo $?$$$!$#$0$@$*",
      [u("echo"), w(...["?", "$", "!", "#", "0", "@", "*"].map((n) => param(n)))],
    ],
    ["quoted param", 'echo "$x"', [u("echo"), w(param("x", true))]],
    ["$ without a name is literal", "echo $ a$ $% $.", [u("echo"), u("$"), u("a$"), u("$%"), u("$.")]],
    ["$ at the end of double quotes", 'echo "a$"', [u("echo"), w(lit("a$", true))]],
    ["$(…)", "echo $(date)", [u("echo"), w(sub(one(simple(["date"]))))]],
    ["empty $()", "echo $()", [u("echo"), w(sub({ items: [] }))]],
    [
      "$(…) quoted, with a quoted ) inside",
      'echo "$(echo ")")"',
      [u("echo"), w(sub(one(simple(["echo", w(lit(")", true))])), true))],
    ],
    [
      "$(…) with a subshell and a quoted ( inside",
      'echo $( (a) ; echo "(" )x',
      [
        u("echo"),
        w(
          sub({
            items: [
              {
                command: {
                  first: pipe({ kind: "subshell", body: one(simple(["a"])), redirects: [] }),
                  rest: [],
                },
                background: false,
              },
              { command: { first: pipe(simple(["echo", w(lit("(", true))])), rest: [] }, background: false },
            ],
          }),
          lit("x"),
        ),
      ],
    ],
    [
      "nested $( $( ) )",
      "echo $(a $(b))",
      [u("echo"), w(sub(one(simple(["a", w(sub(one(simple(["b"]))))]))))],
    ],
    ["backquotes", "echo `date`x", [u("echo"), w(sub(one(simple(["date"]))), lit("x"))]],
    // "Command Substitution": in backquotes \` \$ \\ lose the backslash; the inner text is parsed again
    [
      "nested backquotes",
      "echo `a \\`b\\``",
      [u("echo"), w(sub(one(simple(["a", w(sub(one(simple(["b"]))))]))))],
    ],
    [
      "backquote keeps other backslashes",
      "echo `a \\n`",
      [u("echo"), w(sub(one(simple(["a", w(lit("n", true))]))))],
    ],
    [
      'backquotes in double quotes: \\" loses the backslash',
      'echo "`echo \\"x\\"`"',
      [u("echo"), w(sub(one(simple(["echo", w(lit("x", true))])), true))],
    ],
    // "Tilde Expansion"
    ["leading ~", "ls ~ ~/a", [u("ls"), w(tilde), w(tilde, lit("/a"))]],
    [
      "~ not at the start, quoted, or ~user stays literal",
      "ls a~ '~' ~root ~\"/x\"",
      [u("ls"), u("a~"), w(lit("~", true)), u("~root"), w(lit("~"), lit("/x", true))],
    ],
  ];
  it.each(cases)("%s", (_name, src, words) => {
    expect(parse(src)).toEqual(one(simple(words)));
  });
});

describe("comments (bash(1) COMMENTS)", () => {
  it("# starts a comment only at the start of a word", () => {
    expect(parse("echo a#b #c d")).toEqual(one(simple(["echo", "a#b"])));
    expect(parse("echo a;#c")).toEqual({
      items: [{ command: { first: pipe(simple(["echo", "a"])), rest: [] }, background: false }],
    });
  });
  it("a comment ends at the newline", () => {
    expect(parse("# only\necho x # y\n").items).toEqual(one(simple(["echo", "x"])).items);
  });
  it("a quoted # and $# are not comments", () => {
    expect(onlyCommand("echo '#' \\# $#").words).toEqual([
      u("echo"),
      w(lit("#", true)),
      w(lit("#", true)),
      w(param("#")),
    ]);
  });
  it("empty input and comment-only input are empty scripts", () => {
    expect(parse("")).toEqual({ items: [] });
    expect(parse("  # nothing")).toEqual({ items: [] });
    expect(parse("\n\n")).toEqual({ items: [] });
  });
});

describe("assignments (bash(1) SIMPLE COMMANDS, PARAMETERS)", () => {
  it("NAME=value words before the command name", () => {
    expect(onlyCommand("A=1 B=x$y cmd C=2")).toEqual(
      simple(["cmd", "C=2"], {
        assignments: [
          { name: "A", value: u("1") },
          { name: "B", value: w(lit("x"), param("y")) },
        ],
      }),
    );
  });
  it("assignments alone, empty value, quoted value, tilde after =", () => {
    expect(onlyCommand("A= B='x y' C=~/d")).toEqual(
      simple([], {
        assignments: [
          { name: "A", value: w() },
          { name: "B", value: w(lit("x y", true)) },
          { name: "C", value: w(tilde, lit("/d")) },
        ],
      }),
    );
  });
  it("after the command name they are words; quoted name or = is not an assignment", () => {
    expect(onlyCommand("echo A=1").words).toEqual([u("echo"), u("A=1")]);
    expect(onlyCommand("A\\=1").assignments).toEqual([]);
    expect(onlyCommand("'A'=1").assignments).toEqual([]);
    expect(onlyCommand("1A=1").assignments).toEqual([]);
  });
  it("redirections may come before assignments end", () => {
    expect(onlyCommand(">f A=1 cmd")).toEqual(
      simple(["cmd"], { assignments: [{ name: "A", value: u("1") }], redirects: [redir(1, ">", "f")] }),
    );
  });
});

describe("redirections (bash(1) REDIRECTION)", () => {
  const cases: [string, string, SimpleCommand][] = [
    ["> truncates fd 1", "echo a >f", simple(["echo", "a"], { redirects: [redir(1, ">", "f")] })],
    [">> appends", "echo a >> f", simple(["echo", "a"], { redirects: [redir(1, ">>", "f")] })],
    ["< reads fd 0", "cat <f", simple(["cat"], { redirects: [redir(0, "<", "f")] })],
    ["2> names the fd", "cmd 2>err", simple(["cmd"], { redirects: [redir(2, ">", "err")] })],
    ["2>> appends fd 2", "cmd 2>>err", simple(["cmd"], { redirects: [redir(2, ">>", "err")] })],
    // the digits must touch the operator: `echo 2 > f` writes "2"
    ["2 > f is the word 2 and >f", "echo 2 > f", simple(["echo", "2"], { redirects: [redir(1, ">", "f")] })],
    [
      "a2>f: digits inside a word are not an fd",
      "echo a2>f",
      simple(["echo", "a2"], { redirects: [redir(1, ">", "f")] }),
    ],
    ["2>&1", "cmd 2>&1", simple(["cmd"], { redirects: [dupErr] })],
    [">&2 duplicates onto fd 1", "echo x >&2", simple(["echo", "x"], { redirects: [redir(1, ">&", "2")] })],
    ["3<&0", "cmd 3<&0", simple(["cmd"], { redirects: [redir(3, "<&", "0")] })],
    ["<&- keeps - for close", "cmd <&-", simple(["cmd"], { redirects: [redir(0, "<&", "-")] })],
    // "Redirecting Standard Output and Standard Error": &>w ≡ >w 2>&1, &>>w ≡ >>w 2>&1, >&w ≡ &>w
    ["&> is >f then 2>&1", "cmd &>f", simple(["cmd"], { redirects: [redir(1, ">", "f"), dupErr] })],
    ["&>> is >>f then 2>&1", "cmd &>>f", simple(["cmd"], { redirects: [redir(1, ">>", "f"), dupErr] })],
    [
      ">&word (not digits) is &>word",
      "cmd >&out",
      simple(["cmd"], { redirects: [redir(1, ">", "out"), dupErr] }),
    ],
    [">| is > (no noclobber)", "cmd >|f", simple(["cmd"], { redirects: [redir(1, ">", "f")] })],
    [
      "order is kept, anywhere among words",
      ">a cmd 2>&1 x <b",
      simple(["cmd", "x"], { redirects: [redir(1, ">", "a"), dupErr, redir(0, "<", "b")] }),
    ],
    [
      "target is a full word",
      'cmd >"$d"/f',
      simple(["cmd"], { redirects: [redir(1, ">", w(param("d", true), lit("/f")))] }),
    ],
    ["~ in a target", "cmd >~/f", simple(["cmd"], { redirects: [redir(1, ">", w(tilde, lit("/f")))] })],
  ];
  it.each(cases)("%s", (_name, src, cmd) => {
    expect(parse(src)).toEqual(one(cmd));
  });
});

describe("pipelines and lists (bash(1) Pipelines, Lists)", () => {
  it("a | b | c", () => {
    expect(parse("a|b | c")).toEqual(one(simple(["a"]), simple(["b"]), simple(["c"])));
  });
  it("|& adds 2>&1 after the command's own redirections", () => {
    expect(parse("a 2>e |& b")).toEqual(
      one(simple(["a"], { redirects: [redir(2, ">", "e"), dupErr] }), simple(["b"])),
    );
  });
  it("! negates; ! ! cancels; !x is a word", () => {
    expect(parse("! a | b").items[0]?.command.first).toEqual({
      negated: true,
      commands: [simple(["a"]), simple(["b"])],
    });
    expect(parse("! ! a").items[0]?.command.first.negated).toBe(false);
    expect(parse("!a").items[0]?.command.first).toEqual(pipe(simple(["!a"])));
    expect(parse("a ! b").items[0]?.command.first).toEqual(pipe(simple(["a", "!", "b"])));
  });
  it("! alone is an empty negated pipeline (bash: status 1)", () => {
    expect(parse("!").items[0]?.command.first).toEqual({ negated: true, commands: [] });
  });
  it("&& and || are left-associative with equal precedence", () => {
    expect(parse("a || b && c").items[0]?.command).toEqual({
      first: pipe(simple(["a"])),
      rest: [
        { op: "||", pipeline: pipe(simple(["b"])) },
        { op: "&&", pipeline: pipe(simple(["c"])) },
      ],
    });
  });
  it("| binds tighter than &&", () => {
    expect(parse("a | b && c").items[0]?.command).toEqual({
      first: pipe(simple(["a"]), simple(["b"])),
      rest: [{ op: "&&", pipeline: pipe(simple(["c"])) }],
    });
  });
  it("; & and newline separate items; & marks background", () => {
    const s = parse("a & b; c\nd &");
    expect(s.items.map((i) => [i.command.first.commands[0], i.background])).toEqual([
      [simple(["a"]), true],
      [simple(["b"]), false],
      [simple(["c"]), false],
      [simple(["d"]), true],
    ]);
    expect(parse("a && b &").items).toHaveLength(1);
    expect(parse("a && b &").items[0]?.background).toBe(true);
  });
  it("newlines may follow |, && and ||", () => {
    expect(parse("a |\n b &&\n\n c").items[0]?.command).toEqual({
      first: pipe(simple(["a"]), simple(["b"])),
      rest: [{ op: "&&", pipeline: pipe(simple(["c"])) }],
    });
  });
  it("metacharacters end words without blanks", () => {
    expect(parse("a;b&&c").items).toHaveLength(2);
  });
});

describe("subshells (bash(1) Compound Commands)", () => {
  it("( list ) with redirections, in a pipeline", () => {
    expect(parse("(a; b &) >f | c")).toEqual(
      one(
        {
          kind: "subshell",
          body: {
            items: [
              { command: { first: pipe(simple(["a"])), rest: [] }, background: false },
              { command: { first: pipe(simple(["b"])), rest: [] }, background: true },
            ],
          },
          redirects: [redir(1, ">", "f")],
        },
        simple(["c"]),
      ),
    );
  });
  it("nested and spanning lines", () => {
    expect(parse("((a))")).toEqual(
      one({
        kind: "subshell",
        body: one({ kind: "subshell", body: one(simple(["a"])), redirects: [] }),
        redirects: [],
      }),
    );
    expect(parse("(\na\n)")).toEqual(one({ kind: "subshell", body: one(simple(["a"])), redirects: [] }));
  });
});

describe("syntax errors as bash 5.2 reports them (bash -c '…')", () => {
  // Each kind/token pair was observed with `bash -c` (GNU bash 5.2.15).
  const cases: [string, ShellSyntaxErrorKind, string][] = [
    ["| x", "unexpected-token", "|"],
    ["a ;; b", "unexpected-token", ";;"],
    ["a;;", "unexpected-token", ";;"],
    ["&& a", "unexpected-token", "&&"],
    ["a )", "unexpected-token", ")"],
    ["( )", "unexpected-token", ")"],
    ["()", "unexpected-token", ")"],
    [";", "unexpected-token", ";"],
    ["&", "unexpected-token", "&"],
    ["a; ;", "unexpected-token", ";"],
    ["a\n;", "unexpected-token", ";"],
    ["a & ;", "unexpected-token", ";"],
    ["a & & b", "unexpected-token", "&"],
    ["a &&& b", "unexpected-token", "&"],
    ["a && | b", "unexpected-token", "|"],
    ["! | a", "unexpected-token", "|"],
    ["! &", "unexpected-token", "&"],
    ["a | ! b", "unexpected-token", "!"],
    ["(a) b", "unexpected-token", "b"],
    ["(a) (b)", "unexpected-token", "("],
    ["a | (b) c", "unexpected-token", "c"],
    ["echo (a)", "unexpected-token", "a"],
    ["a (", "unexpected-token", "newline"],
    ["echo >", "unexpected-token", "newline"],
    ["echo >&", "unexpected-token", "newline"],
    ["a 3>&", "unexpected-token", "newline"],
    ["echo 2>&1 >", "unexpected-token", "newline"],
    ["echo > |", "unexpected-token", "|"],
    ["echo > ;", "unexpected-token", ";"],
    ["echo $(;)", "unexpected-token", ";"],
    ["fi", "unexpected-token", "fi"],
    ["then", "unexpected-token", "then"],
    ["}", "unexpected-token", "}"],
    // bash -c 'echo a |' → "syntax error: unexpected end of file"
    ["echo a |", "unexpected-end", ""],
    ["echo a &&", "unexpected-end", ""],
    ["a ||", "unexpected-end", ""],
    ["(a", "unexpected-end", ""],
    ["(a |", "unexpected-end", ""],
    ["echo 'abc", "unexpected-eof", "'"],
    ['echo "abc', "unexpected-eof", '"'],
    ["echo `abc", "unexpected-eof", "`"],
    ["`", "unexpected-eof", "`"],
    ["echo $(echo `)", "unexpected-eof", "`"],
    ["echo $(abc", "unexpected-eof", ")"],
    ["$(", "unexpected-eof", ")"],
    ["echo $(a |", "unexpected-eof", ")"],
    ["echo ${", "unexpected-eof", "}"],
    ["echo ${a", "unexpected-eof", "}"],
    ["echo $'a", "unexpected-eof", "'"],
    ["echo ${}", "bad-substitution", "${}"],
    ["echo ${a b}", "bad-substitution", "${a b}"],
  ];
  it.each(cases)("%j → %s %j", (src, kind, token) => {
    expect(syntaxError(src)).toEqual({ kind, token });
  });

  it("is an Error with a debug message", () => {
    const e = new ShellSyntaxError("unexpected-token", "newline");
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe("syntax error near unexpected token 'newline'");
  });
});

describe("nesting limit", () => {
  it("accepts 64 levels and rejects 65, for (, $( and backquotes", () => {
    const parens = (n: number) => "(".repeat(n) + "a" + ")".repeat(n);
    const comsubs = (n: number) => "echo " + "$(".repeat(n) + "a" + ")".repeat(n);
    expect(() => parse(parens(64))).not.toThrow();
    expect(syntaxError(parens(65)).kind).toBe("too-deep");
    expect(() => parse(comsubs(64))).not.toThrow();
    expect(syntaxError(comsubs(65)).kind).toBe("too-deep");
    // backquotes nest by escaping: level k's backquote is written with 2^(k-1)-1 backslashes
    const backquotes = (n: number): string => {
      let s = "a";
      for (let k = n; k >= 1; k--) {
        const bq = "\\".repeat(2 ** (k - 1) - 1) + "`";
        s = `${bq}${s}${bq}`;
      }
      return "echo " + s;
    };
    expect(parse(backquotes(3))).toEqual(
      one(simple(["echo", w(sub(one(simple([w(sub(one(simple([w(sub(one(simple(["a"]))))]))))]))))])),
    );
  });
  it("mixed nesting counts every level", () => {
    const src = "echo " + "$( (".repeat(32) + "a" + ") )".repeat(32) + "";
    expect(() => parse(src)).not.toThrow();
    expect(syntaxError("echo " + "$( (".repeat(33) + "a" + ") )".repeat(33)).kind).toBe("too-deep");
  });
});
