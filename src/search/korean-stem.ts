/**
 * Korean particle and ending stripping for site search.
 *
 * Pagefind has no Korean analyser: it splits Korean on spaces and indexes `컨테이너는` as one word,
 * so a reader who types `컨테이너는` would only find pages that happen to use that exact form.
 * Korean attaches particles (조사) and verb endings (어미) to the word they follow; stripping them
 * from the end gives the stem a reader means. Pagefind then matches the stem as a prefix of every
 * indexed form (`컨테이너` finds `컨테이너를`, `컨테이너의`), and the build adds each page's stems
 * to its index record so a stem is also an exact match (see `pagefind-index.ts`).
 *
 * This is a suffix stripper, not a morphological analyser: it knows no dictionary, so it errs on the
 * side of leaving a word whole. Over-stripping on the query side only widens a search (the stem is
 * always a prefix of the word); under-stripping narrows it. Three guards keep it from eating nouns:
 *  - allomorphs: a particle with a consonant-final and a vowel-final form (이/가, 을/를, 은/는,
 *    과/와, 으로/로…) is stripped only after the final sound it attaches to, so `차이` (차 has no
 *    final consonant) keeps its 이 and `경로` (경 ends in ㅇ) keeps its 로;
 *  - length: a stem keeps at least two syllables, except before the core case and topic particles,
 *    so `속도`, `정도`, `회의`, `제한`, `역할`, `포함` stay whole while `값이` still gives `값`;
 *  - a short list of nouns whose last syllable looks like a particle (`길이`, `결과`).
 *
 * The particle inventory follows the 조사 of the 표준국어대사전 (국립국어원) as grouped in the
 * 학교 문법 (격 조사, 보조사, 접속 조사) and 한글 맞춤법 제41항 (조사는 앞말에 붙여 쓴다); the
 * allomorph conditions are those of 표준 문법 (받침 뒤 '이·을·은·과·으로', 받침 없는 말과 ㄹ 받침
 * 뒤 '로'). The verb endings are the common forms of 하다/되다 after a verbal noun (격리하는,
 * 가상화된), which is how technical Korean turns a noun into a verb.
 */

/** Where a suffix may attach, by the final sound of the stem before it. */
type Attach =
  /** after a syllable with a final consonant (받침): 이, 을, 은, 과, 으로 */
  | "consonant"
  /** after a syllable without one: 가, 를, 는, 와 */
  | "vowel"
  /** after a vowel or ㄹ: 로, 로서, 로써 (한글 맞춤법·표준 문법: 'ㄹ' 받침 뒤에는 '로') */
  | "vowel-or-rieul"
  /** after anything */
  | "any";

interface Suffix {
  readonly text: string;
  readonly attach: Attach;
  /** Syllables the stem must keep; the default is 2. */
  readonly minStem: number;
  /**
   * Whether another particle may follow this one (에서+는, 까지+도, 과+의). The case particles
   * 이/가/을/를/은/는, 의, the copula and verb endings close a word, so once a suffix has been
   * stripped they are not looked for again: `대가는` gives `대가`, not `대`.
   */
  readonly stacks: boolean;
  /** A syllable the suffix never follows, where the same letters are a different split. */
  readonly notAfter?: string;
}

type SuffixOptions = Partial<Pick<Suffix, "minStem" | "stacks" | "notAfter">>;

const suffix =
  (attach: Attach) =>
  (text: string, { minStem = 2, stacks = false, notAfter }: SuffixOptions = {}): Suffix => ({
    text,
    attach,
    minStem,
    stacks,
    ...(notAfter === undefined ? {} : { notAfter }),
  });
const consonant = suffix("consonant");
const vowel = suffix("vowel");
const rieul = suffix("vowel-or-rieul");
const any = suffix("any");
/** A particle that can stand before another one. */
const stacking = { stacks: true } as const;

/**
 * Particles (조사). The core case and topic particles may leave a one-syllable stem (`값이`, `망을`);
 * every other suffix needs two syllables before it.
 */
const particles: readonly Suffix[] = [
  // 격 조사: 주격, 목적격, 보조사 은/는 (the core set: one-syllable stems allowed)
  consonant("이", { minStem: 1 }),
  vowel("가", { minStem: 1 }),
  consonant("을", { minStem: 1 }),
  vowel("를", { minStem: 1 }),
  consonant("은", { minStem: 1 }),
  vowel("는", { minStem: 1 }),
  any("께서", stacking),
  // 관형격
  any("의"),
  // 부사격
  any("에", stacking),
  any("에서", stacking),
  any("에게", stacking),
  any("에게서", stacking),
  any("한테", stacking),
  any("한테서", stacking),
  any("께", stacking),
  consonant("으로", { minStem: 1, stacks: true }),
  rieul("로", stacking),
  consonant("으로서", stacking),
  rieul("로서", stacking),
  consonant("으로써", stacking),
  rieul("로써", stacking),
  consonant("으로부터", stacking),
  rieul("로부터", stacking),
  any("에서부터", stacking),
  any("처럼", stacking),
  any("만큼", stacking),
  any("보다", stacking),
  any("같이", stacking),
  // 접속 조사
  consonant("과", stacking),
  vowel("와", stacking),
  consonant("이나", { minStem: 1 }),
  vowel("나"),
  consonant("이랑", { minStem: 1, stacks: true }),
  vowel("랑", stacking),
  consonant("이며", { minStem: 1 }),
  vowel("며"),
  any("하고", stacking),
  // 보조사
  any("도"),
  any("만", stacking),
  any("까지", stacking),
  any("부터", stacking),
  any("마다", stacking),
  any("조차"),
  any("마저"),
  any("밖에"),
  any("뿐", stacking),
  any("대로", stacking),
  any("끼리", stacking),
  any("씩", stacking),
  consonant("이든지", { minStem: 1 }),
  vowel("든지"),
  consonant("이든", { minStem: 1 }),
  vowel("든"),
  consonant("이라도", { minStem: 1 }),
  vowel("라도"),
  // 서술격 조사 '이다' in the forms running text uses. After a vowel the 이 drops in 컨테이너라는 and
  // 컨테이너라고; -지만 and -므로 without 이 are the connective endings below.
  any("입니다"),
  any("이었다"),
  any("였다"),
  consonant("이다", { minStem: 1 }),
  consonant("이고", { minStem: 1 }),
  consonant("이지만", { minStem: 1 }),
  consonant("이라는", { minStem: 1 }),
  vowel("라는"),
  consonant("이라고", { minStem: 1 }),
  vowel("라고"),
  consonant("이므로", { minStem: 1 }),
  // 연결 어미 -지만, -므로: they close verbs (있지만, 하므로) and would otherwise leave 있지 or
  // 하므 behind; 까지만 is the particles 까지 + 만, not -지만.
  any("지만", { notAfter: "까" }),
  any("므로"),
];

/** Endings of 하다/되다/시키다 after a verbal noun (격리하는, 가상화된, 실행시킵니다); the stem keeps 2 syllables. */
// prettier-ignore
const verbEndings: readonly Suffix[] = [
  "하다", "합니다", "했습니다", "합니까", "한다", "했다", "하는", "한", "할", "함", "하고", "하며", "하면", "하면서", "하여", "해", "해서",
  "했고", "하지", "하지만", "하기", "하게", "하도록", "하려면", "하려고", "해야", "되다", "됩니다", "되었습니다", "됐습니다", "된다", "되었다", "됐다",
  "되는", "된", "될", "됨", "되고", "되며", "되면", "되어", "돼", "되어서", "돼서", "되지", "되기", "되게", "되도록", "되려면", "되어야", "돼야",
  "시킵니다", "시키는", "시킨", "시키고", "시키면", "시켜", "시켜서",
].map((text) => any(text));

/**
 * Noun suffixes stripped after the particles: plural 들 (컨테이너들이 → 컨테이너들 → 컨테이너)
 * and 별 "by, per" (단계별로 → 단계별 → 단계).
 */
const nounSuffixes: readonly Suffix[] = [any("들"), any("별")];

/**
 * Nouns whose last syllable is also a particle and that the guards above would still cut.
 * Only words a reader of this site may type; a dictionary would replace this list.
 */
// prettier-ignore
const wholeWords: ReadonlySet<string> = new Set([
  "길이", "높이", "깊이", "넓이", "먹이", "놀이",
  "결과", "통과", "재정의", "완성도", "무제한", "제대로",
  "하나", "모두",
]);

// Longest suffix first, so 에서 wins over 서-less 에 and 으로부터 over 로.
const allSuffixes = [...particles, ...verbEndings].sort((a, b) => b.text.length - a.text.length);
const stackingSuffixes = allSuffixes.filter((s) => s.stacks);

const hangulBase = 0xac00;
const hangulLast = 0xd7a3;
const jongseongCount = 28;
const jongseongRieul = 8;

function isHangulSyllable(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code >= hangulBase && code <= hangulLast;
}

/** Unicode §3.12 (Conjoining Jamo Behavior): syllable = 0xAC00 + (L×21 + V)×28 + T; T = 0 means no final. */
function finalConsonant(ch: string): number | undefined {
  if (!isHangulSyllable(ch)) return undefined;
  return ((ch.codePointAt(0) ?? 0) - hangulBase) % jongseongCount;
}

function attaches(stem: string, suffix: Suffix): boolean {
  const last = stem.at(-1);
  if (last === undefined) return false;
  const final = finalConsonant(last);
  // After Latin letters or digits (KVM이, cgroup으로, 4KiB를) the sound is not written: accept either form.
  if (final === undefined) return /[\p{L}\p{N}]/u.test(last);
  switch (suffix.attach) {
    case "consonant":
      return final !== 0;
    case "vowel":
    case "vowel-or-rieul":
      // A stem ending in 으 is the consonant form cut short (값으로 → 값으 + 로), not a stem.
      if (last === "으") return false;
      return final === 0 || (suffix.attach === "vowel-or-rieul" && final === jongseongRieul);
    case "any":
      return true;
  }
}

/** Hangul syllables in the stem, counting a run of Latin letters or digits as one syllable. */
function syllables(stem: string): number {
  const hangul = [...stem].filter(isHangulSyllable).length;
  return hangul + (/[\p{L}\p{N}]/u.test(stem.replace(/[\uac00-\ud7a3]/g, "")) ? 2 : 0);
}

function stripOnce(word: string, suffixes: readonly Suffix[]): string | undefined {
  for (const suffix of suffixes) {
    if (!word.endsWith(suffix.text) || word.length === suffix.text.length) continue;
    const stem = word.slice(0, -suffix.text.length);
    if (syllables(stem) < suffix.minStem) continue;
    if (suffix.notAfter !== undefined && stem.endsWith(suffix.notAfter)) continue;
    if (!attaches(stem, suffix)) continue;
    return stem;
  }
  return undefined;
}

/** Particles stack (`컨테이너에서는`, `메모리까지도`); three are as many as Korean prose puts together. */
const maxStackedSuffixes = 3;

/**
 * The stem of one Korean word: its particles, 하다/되다 endings, plural 들 and 별 removed.
 * Words without a Hangul ending, and the nouns in the list above, come back unchanged.
 */
export function stemKoreanWord(word: string): string {
  const normal = word.normalize("NFC");
  if (wholeWords.has(normal) || !isHangulSyllable(normal.at(-1) ?? "")) return normal;
  let stem = normal;
  let suffixes = allSuffixes;
  for (let i = 0; i < maxStackedSuffixes; i++) {
    if (wholeWords.has(stem)) break;
    const next = stripOnce(stem, suffixes);
    if (next === undefined) break;
    stem = next;
    suffixes = stackingSuffixes;
  }
  if (!wholeWords.has(stem)) stem = stripOnce(stem, nounSuffixes) ?? stem;
  return stem;
}

/** Punctuation around a word (quotes, brackets, commas, periods) is not part of it. */
const edgePunctuation = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

/**
 * A search query with every Korean word reduced to its stem. Other words are kept as typed;
 * a query in double quotes is Pagefind's exact-phrase search and is left alone.
 */
export function stemKoreanQuery(query: string): string {
  const trimmed = query.normalize("NFC").trim();
  if (/^".+"$/u.test(trimmed)) return trimmed;
  return trimmed
    .split(/\s+/u)
    .filter((w) => w !== "")
    .map((w) => {
      const core = w.replace(edgePunctuation, "");
      return core === "" ? w : stemKoreanWord(core);
    })
    .join(" ");
}

/**
 * The stems of a Korean text that differ from the words as written: what the index needs in
 * addition to the text itself so that a stem is an exact match. Sorted for a stable index.
 */
export function koreanStems(text: string): string[] {
  const stems = new Set<string>();
  for (const token of text.normalize("NFC").split(/\s+/u)) {
    const core = token.replace(edgePunctuation, "");
    if (core === "") continue;
    const stem = stemKoreanWord(core);
    if (stem !== core) stems.add(stem);
  }
  return [...stems].sort();
}
