/**
 * Shell arithmetic, `$(( expression ))` (bash(1) "ARITHMETIC EVALUATION"):
 * fixed-width 64-bit signed integers with wrap-around, C operator precedence,
 * variables by name (unset or empty is 0, a variable's value is itself
 * evaluated as an expression), constants in decimal, 0x hex, 0 octal and
 * base#digits. Assignment operators are not part of the console's language.
 */

export class ArithError extends Error {
  /** bash reports the failing expression and the token it stopped at. */
  readonly token: string;
  readonly reason: "syntax" | "divisionByZero" | "badBase" | "tooDeep";
  constructor(reason: ArithError["reason"], token: string) {
    super(`${reason}: ${token}`);
    this.name = "ArithError";
    this.reason = reason;
    this.token = token;
  }
}

const maxDepth = 64;

function wrap(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

type Token = { kind: "num"; value: bigint } | { kind: "name"; name: string } | { kind: "op"; op: string };

const operators = [
  "**",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "&",
  "^",
  "|",
  "!",
  "~",
  "(",
  ")",
  "?",
  ":",
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z@_]+|[0-9]+)/.exec(text.slice(i));
    if (num !== null) {
      tokens.push({ kind: "num", value: parseConstant(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name !== null) {
      tokens.push({ kind: "name", name: name[0] });
      i += name[0].length;
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (op === undefined) throw new ArithError("syntax", text.slice(i));
    tokens.push({ kind: "op", op });
    i += op.length;
  }
  return tokens;
}

function parseConstant(text: string): bigint {
  if (/^0[xX]/.test(text)) return wrap(BigInt(text));
  const based = /^([0-9]+)#(.+)$/.exec(text);
  if (based !== null) {
    const base = Number(based[1]);
    if (base < 2 || base > 64) throw new ArithError("badBase", text);
    // bash: digits 0-9, a-z, A-Z, @, _ (letters are case-insensitive up to base 36).
    const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@_";
    let v = 0n;
    for (const ch of based[2]!) {
      const d = base <= 36 ? alphabet.indexOf(ch.toLowerCase()) : alphabet.indexOf(ch);
      if (d < 0 || d >= base) throw new ArithError("badBase", text);
      v = v * BigInt(base) + BigInt(d);
    }
    return wrap(v);
  }
  if (text.length > 1 && text.startsWith("0")) {
    if (!/^[0-7]+$/.test(text)) throw new ArithError("badBase", text);
    return wrap(BigInt(`0o${text.slice(1)}`));
  }
  return wrap(BigInt(text));
}

/** Evaluates `text`; `lookup` gives a variable's value (undefined when unset). */
export function evaluateArithmetic(
  text: string,
  lookup: (name: string) => string | undefined,
  depth = 0,
): bigint {
  if (depth > maxDepth) throw new ArithError("tooDeep", text);
  if (text.trim() === "") return 0n;
  const tokens = tokenize(text);
  let pos = 0;
  const peekOp = (): string | undefined => {
    const t = tokens[pos];
    return t?.kind === "op" ? t.op : undefined;
  };
  const rest = (): string => {
    const t = tokens[pos];
    if (t === undefined) return "";
    return t.kind === "num" ? String(t.value) : t.kind === "name" ? t.name : t.op;
  };
  const variable = (name: string): bigint => {
    const value = lookup(name);
    if (value === undefined || value.trim() === "") return 0n;
    return evaluateArithmetic(value, lookup, depth + 1);
  };
  // Precedence climbing over C's binary operators (lowest first).
  const binary: string[][] = [
    ["||"],
    ["&&"],
    ["|"],
    ["^"],
    ["&"],
    ["==", "!="],
    ["<", "<=", ">", ">="],
    ["<<", ">>"],
    ["+", "-"],
    ["*", "/", "%"],
  ];
  const apply = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case "||":
        return a !== 0n || b !== 0n ? 1n : 0n;
      case "&&":
        return a !== 0n && b !== 0n ? 1n : 0n;
      case "|":
        return wrap(a | b);
      case "^":
        return wrap(a ^ b);
      case "&":
        return wrap(a & b);
      case "==":
        return a === b ? 1n : 0n;
      case "!=":
        return a !== b ? 1n : 0n;
      case "<":
        return a < b ? 1n : 0n;
      case "<=":
        return a <= b ? 1n : 0n;
      case ">":
        return a > b ? 1n : 0n;
      case ">=":
        return a >= b ? 1n : 0n;
      case "<<":
        return wrap(a << (b & 63n));
      case ">>":
        return wrap(a >> (b & 63n));
      case "+":
        return wrap(a + b);
      case "-":
        return wrap(a - b);
      case "*":
        return wrap(a * b);
      case "/":
      case "%":
        if (b === 0n) throw new ArithError("divisionByZero", String(b));
        return wrap(op === "/" ? a / b : a % b);
      default:
        throw new ArithError("syntax", op);
    }
  };
  const parseTernary = (): bigint => {
    const cond = parseLevel(0);
    if (peekOp() !== "?") return cond;
    pos++;
    const a = parseTernary();
    if (peekOp() !== ":") throw new ArithError("syntax", rest());
    pos++;
    const b = parseTernary();
    return cond !== 0n ? a : b;
  };
  const parseLevel = (level: number): bigint => {
    if (level >= binary.length) return parsePower();
    let left = parseLevel(level + 1);
    for (;;) {
      const op = peekOp();
      if (op === undefined || !binary[level]!.includes(op)) return left;
      pos++;
      left = apply(op, left, parseLevel(level + 1));
    }
  };
  const parsePower = (): bigint => {
    const base = parseUnary();
    if (peekOp() !== "**") return base;
    pos++;
    const exp = parsePower(); // right-associative
    if (exp < 0n) throw new ArithError("syntax", "exponent less than 0");
    return wrap(base ** (exp > 4096n ? 4096n : exp));
  };
  let unaryDepth = 0;
  const parseUnary = (): bigint => {
    const op = peekOp();
    if (op === "-" || op === "+" || op === "!" || op === "~") {
      if (++unaryDepth > 4096) throw new ArithError("tooDeep", text);
      pos++;
      const v = parseUnary();
      unaryDepth--;
      return op === "-" ? wrap(-v) : op === "+" ? v : op === "!" ? (v === 0n ? 1n : 0n) : wrap(~v);
    }
    return parsePrimary();
  };
  let parenDepth = 0;
  const parsePrimary = (): bigint => {
    const t = tokens[pos];
    if (t === undefined) throw new ArithError("syntax", "");
    if (t.kind === "num") {
      pos++;
      return t.value;
    }
    if (t.kind === "name") {
      pos++;
      return variable(t.name);
    }
    if (t.op === "(") {
      if (++parenDepth > 256) throw new ArithError("tooDeep", text);
      pos++;
      const v = parseTernary();
      if (peekOp() !== ")") throw new ArithError("syntax", rest());
      pos++;
      parenDepth--;
      return v;
    }
    throw new ArithError("syntax", rest());
  };
  const value = parseTernary();
  if (pos < tokens.length) throw new ArithError("syntax", rest());
  return value;
}
