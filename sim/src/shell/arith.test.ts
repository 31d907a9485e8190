import { describe, expect, it } from "vitest";
import { ArithError, evaluateArithmetic } from "./arith";

const none = (): undefined => undefined;

describe("$(( )) arithmetic (bash(1) ARITHMETIC EVALUATION)", () => {
  it("follows C precedence and associativity", () => {
    expect(evaluateArithmetic("1 + 2 * 3", none)).toBe(7n);
    expect(evaluateArithmetic("(1 + 2) * 3", none)).toBe(9n);
    expect(evaluateArithmetic("2 ** 3 ** 2", none)).toBe(512n);
    expect(evaluateArithmetic("10 - 4 - 3", none)).toBe(3n);
    expect(evaluateArithmetic("7 / 2", none)).toBe(3n);
    expect(evaluateArithmetic("-7 / 2", none)).toBe(-3n);
    expect(evaluateArithmetic("-7 % 3", none)).toBe(-1n);
    expect(evaluateArithmetic("1 < 2 && 3 > 4 || !0", none)).toBe(1n);
    expect(evaluateArithmetic("5 > 3 ? 10 : 20", none)).toBe(10n);
    expect(evaluateArithmetic("~0", none)).toBe(-1n);
  });

  it("reads constants in hex, octal and base#digits", () => {
    expect(evaluateArithmetic("0x10 + 010 + 2#101", none)).toBe(16n + 8n + 5n);
    expect(evaluateArithmetic("16#ff", none)).toBe(255n);
  });

  it("wraps at 64 bits like intmax_t", () => {
    expect(evaluateArithmetic("9223372036854775807 + 1", none)).toBe(-9223372036854775808n);
    expect(evaluateArithmetic("1 << 63", none)).toBe(-9223372036854775808n);
  });

  it("treats unset variables as 0 and evaluates a variable's value", () => {
    const vars: Record<string, string> = { a: "6", b: "a * 2" };
    const lookup = (n: string): string | undefined => vars[n];
    expect(evaluateArithmetic("a + b + nothing", lookup)).toBe(18n);
  });

  it("reports division by zero and syntax errors", () => {
    expect(() => evaluateArithmetic("1 / 0", none)).toThrow(ArithError);
    expect(() => evaluateArithmetic("1 +", none)).toThrow(ArithError);
    expect(() => evaluateArithmetic("09", none)).toThrow(ArithError);
    expect(() => evaluateArithmetic("(".repeat(1000) + "1" + ")".repeat(1000), none)).toThrow(ArithError);
  });

  it("stops on self-referencing variables instead of recursing forever", () => {
    expect(() => evaluateArithmetic("x", (n) => (n === "x" ? "x + 1" : undefined))).toThrow(ArithError);
  });
});
