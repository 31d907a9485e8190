import { describe, expect, it } from "vitest";
import { koreanStems, stemKoreanQuery, stemKoreanWord } from "./korean-stem";

describe("stemKoreanWord", () => {
  it.each([
    ["컨테이너는", "컨테이너"],
    ["테이블을", "테이블"],
    ["스로틀링이", "스로틀링"],
    ["가상화에서", "가상화"],
    ["메모리로", "메모리"],
    ["이미지와", "이미지"],
    ["페이지의", "페이지"],
    ["커널이", "커널"],
    ["하이퍼바이저가", "하이퍼바이저"],
    ["네임스페이스를", "네임스페이스"],
    ["프로토콜로", "프로토콜"], // ㄹ 받침 뒤에는 '로'
    ["디스크까지", "디스크"],
    ["게스트에게", "게스트"],
  ])("strips one particle: %s → %s", (word, stem) => {
    expect(stemKoreanWord(word)).toBe(stem);
  });

  it.each([
    ["컨테이너에서는", "컨테이너"],
    ["메모리까지도", "메모리"],
    ["호스트에서의", "호스트"],
    ["컨테이너들이", "컨테이너"],
    ["커널과는", "커널"],
    ["계층과의", "계층"],
    ["경로로", "경로"],
    ["전까지만", "전까지"], // 까지 + 만, not the ending -지만
    ["원래대로", "원래"],
    ["단계별로", "단계"],
    ["프로세스뿐입니다", "프로세스"],
  ])("strips stacked particles and the plural: %s → %s", (word, stem) => {
    expect(stemKoreanWord(word)).toBe(stem);
  });

  it.each([
    ["격리합니다", "격리"],
    ["가상화된", "가상화"],
    ["실행하는", "실행"],
    ["제한되어", "제한"],
    ["컨테이너입니다", "컨테이너"],
  ])("strips 하다/되다 endings and the copula: %s → %s", (word, stem) => {
    expect(stemKoreanWord(word)).toBe(stem);
  });

  it.each([
    ["cgroup으로", "cgroup"],
    ["KVM은", "KVM"],
    ["값으로", "값"], // 으로, not 로 after a stem cut to 값으
    ["EPT를", "EPT"],
    ["4KiB의", "4KiB"],
  ])("strips particles after Latin letters and digits: %s → %s", (word, stem) => {
    expect(stemKoreanWord(word)).toBe(stem);
  });

  it.each([
    // a lone particle-looking word, and words that merely end in a particle's syllable
    "이",
    "가상",
    "도메인",
    "속도", // 도 would leave one syllable
    "정도",
    "회의", // 의
    "정의",
    "제한", // 한 (하다)
    "역할",
    "포함",
    "이해",
    "차이", // 이 needs a final consonant before it; 차 has none
    "경로", // 로 needs a vowel or ㄹ before it; 경 ends in ㅇ
    "길이", // listed: a noun, not 길 + 이
    "결과",
    "모든",
    "함께",
    "하나",
    "합니다", // an ending alone
    "있습니다",
    "가상 머신",
  ])("leaves %s whole", (word) => {
    expect(stemKoreanWord(word)).toBe(word);
  });

  it("does not strip a second case particle: 대가는 is 대가 + 는, never 대 + 가 + 는", () => {
    expect(stemKoreanWord("대가는")).toBe("대가");
    expect(stemKoreanWord("대가로")).toBe("대가");
  });

  it("leaves words without Hangul alone", () => {
    for (const w of ["throttling", "cpu.max", "0x7f1234567abc", "", "KVM"]) expect(stemKoreanWord(w)).toBe(w);
  });

  it("composes decomposed Hangul (NFD input) before stripping", () => {
    expect(stemKoreanWord("컨테이너는".normalize("NFD"))).toBe("컨테이너");
  });

  it("always returns a prefix of the word, never an empty stem", () => {
    const words = [
      "가나다라는",
      "이는",
      "을",
      "는는는",
      "아이",
      "도도",
      "의의",
      "하는",
      "된",
      "컨테이너에서부터는만",
    ];
    for (const w of words) {
      const stem = stemKoreanWord(w);
      expect(stem.length, w).toBeGreaterThan(0);
      expect(w.startsWith(stem), w).toBe(true);
    }
  });
});

describe("stemKoreanQuery", () => {
  it("stems every Korean word of a query", () => {
    expect(stemKoreanQuery("컨테이너는")).toBe("컨테이너");
    expect(stemKoreanQuery("페이지 테이블을")).toBe("페이지 테이블");
    expect(stemKoreanQuery("  스로틀링이  ")).toBe("스로틀링");
    expect(stemKoreanQuery("cgroup의 cpu.max를")).toBe("cgroup cpu.max");
  });

  it("keeps English queries and punctuation-only words as typed", () => {
    expect(stemKoreanQuery("page table walk")).toBe("page table walk");
    expect(stemKoreanQuery("“컨테이너는”, 무엇인가?")).toBe("컨테이너 무엇인가");
    expect(stemKoreanQuery("-- 컨테이너를")).toBe("-- 컨테이너");
  });

  it("leaves an exact-phrase query in double quotes alone", () => {
    expect(stemKoreanQuery('"컨테이너는 가볍다"')).toBe('"컨테이너는 가볍다"');
  });

  it("returns an empty query for blank input", () => {
    expect(stemKoreanQuery("   ")).toBe("");
  });
});

describe("koreanStems", () => {
  it("lists the stems that differ from the written words, once, sorted", () => {
    expect(koreanStems("컨테이너는 가볍고, 컨테이너를 만들면 페이지 테이블을 씁니다. 컨테이너")).toEqual([
      "컨테이너",
      "테이블",
    ]);
  });

  it("adds nothing for English text", () => {
    expect(koreanStems("Containers share the host kernel.")).toEqual([]);
  });
});
