import { describe, expect, it } from "vitest";
import { catalogs, format } from "./catalog";
import { errnoNumbers } from "../core/errno";

describe("shell message catalogues", () => {
  it("have the same key set in Korean and English, with no empty message", () => {
    const en = Object.keys(catalogs.en).sort();
    const ko = Object.keys(catalogs.ko).sort();
    expect(ko).toEqual(en);
    for (const lang of ["en", "ko"] as const) {
      for (const [key, text] of Object.entries(catalogs[lang]))
        expect(text.trim(), `${lang} ${key}`).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const key of Object.keys(catalogs.en) as (keyof typeof catalogs.en)[]) {
      const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
      expect(names(catalogs.ko[key]), key).toEqual(names(catalogs.en[key]));
    }
  });

  it("has a message for every errno the models can raise", () => {
    for (const errno of Object.keys(errnoNumbers)) {
      expect(catalogs.en).toHaveProperty(`errno.${errno}`);
    }
  });

  it("fills placeholders", () => {
    expect(format("en", "shell.notFound", { name: "x" })).toBe("x: command not found");
  });
});
