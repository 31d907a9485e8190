import { describe, expect, it } from "vitest";
import { formatHumanSize, memparse, parseCoreutilsSize, parseDurationUs } from "./units";
import { SysError } from "./errno";

describe("memparse (lib/cmdline.c)", () => {
  it("takes binary suffixes in either case", () => {
    expect(memparse("4096")).toBe(4096);
    expect(memparse("1k")).toBe(1024);
    expect(memparse("512M")).toBe(512 * 1024 * 1024);
    expect(memparse("2G")).toBe(2 * 1024 ** 3);
    expect(memparse("0x10")).toBe(16);
  });
  it("rejects garbage with EINVAL", () => {
    for (const bad of ["", "1.5G", "abc", "10MB", "-1"]) {
      expect(() => memparse(bad)).toThrow(SysError);
    }
  });
});

describe("coreutils sizes and durations", () => {
  it("parses dd-style sizes", () => {
    expect(parseCoreutilsSize("1M")).toBe(1 << 20);
    expect(parseCoreutilsSize("1MB")).toBe(1_000_000);
    expect(parseCoreutilsSize("4KiB")).toBe(4096);
    expect(parseCoreutilsSize("2b")).toBe(1024);
    expect(parseCoreutilsSize("x")).toBeUndefined();
  });
  it("parses sleep-style durations", () => {
    expect(parseDurationUs("1.5")).toBe(1_500_000);
    expect(parseDurationUs("2m")).toBe(120_000_000);
    expect(parseDurationUs("-1")).toBeUndefined();
  });
  it("formats ls -h sizes, rounding up", () => {
    expect(formatHumanSize(1000)).toBe("1000");
    expect(formatHumanSize(4096)).toBe("4.0K");
    expect(formatHumanSize(4097)).toBe("4.1K");
    expect(formatHumanSize(64 * 1024 * 1024)).toBe("64M");
  });
});
