import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { koreanHandlings } from "./handlings";

describe("exit handling texts", () => {
  it("every handling the MMU model reports has a Korean text", () => {
    const source = readFileSync(join(import.meta.dirname, "../../../sim/src/mmu/mmu.ts"), "utf8");
    const calls = [...source.matchAll(/this\.#exit\(([^;]*?)\);/gs)].map((m) => m[1]!);
    const texts = new Set(calls.flatMap((args) => [...args.matchAll(/"([^"]+)"/g)].map((m) => m[1]!)));
    expect(texts.size).toBeGreaterThan(4);
    for (const text of texts) expect(koreanHandlings, text).toHaveProperty([text]);
  });
});
