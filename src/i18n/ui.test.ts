import { describe, expect, it } from "vitest";
import { uiDictionaries } from "./ui";

describe("UI strings", () => {
  it("exist in Korean and English with the same keys, none empty", () => {
    const en = Object.keys(uiDictionaries.en).sort();
    expect(Object.keys(uiDictionaries.ko).sort()).toEqual(en);
    for (const lang of ["en", "ko"] as const) {
      for (const [key, value] of Object.entries(uiDictionaries[lang])) expect(value.trim(), key).not.toBe("");
    }
  });
});
