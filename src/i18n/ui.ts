/**
 * The site's UI strings: flat dotted keys, one dictionary per language with the
 * same key set (checked by a unit test). Article text lives in content/, the
 * shell's messages in sim/src/i18n.
 */
export const languages = ["ko", "en"] as const;
export type Lang = (typeof languages)[number];

export const languageNames: Record<Lang, string> = { ko: "한국어", en: "English" };
export const htmlLang: Record<Lang, string> = { ko: "ko", en: "en" };

const en = {
  "site.name": "VM & Container Lab",
  "site.tagline": "How virtual machines and containers really work, with a Linux console in every page.",
  "site.description":
    "Hands-on explanations of virtual machines and containers: page-table walks, trapped disk I/O and cgroup throttling in a simulated Linux console you can type into.",
  "nav.skip": "Skip to content",
  "nav.home": "Home",
  "nav.series": "Series",
  "nav.language": "Language",
  "nav.switchTo": "Read this page in English",
  "index.title": "Virtual machines and containers, hands on",
  "index.intro":
    "A series of articles that explain what really happens inside a hypervisor and a Linux kernel, each with a simulated console where you type real commands.",
  "index.articles": "Articles",
  "article.published": "Published",
  "article.part": "Part",
  "landing.title": "VM & Container Lab",
  "landing.choose": "Choose your language",
  "console.label": "Linux console",
  "console.transcript": "Transcript of the commands below, as the simulated host prints them.",
  "console.start": "Start the console",
  "console.loading": "Loading the console…",
  "console.noscript": "This console needs JavaScript. The transcript above shows what it prints.",
  "console.hint": "A simulated Linux host: type help and press Enter. Ctrl-C interrupts.",
  "console.failed": "The console could not start. The transcript above still shows its output.",
  "console.speed": "Simulated time speed",
  "console.speedInstant": "instant",
  "console.screenReader": "Screen reader mode",
  "console.running": "Running… simulated time {t} s (Ctrl-C interrupts)",
  "series.label": "Series",
  "series.previous": "Previous article",
  "series.next": "Next article",
  "series.glossary": "Glossary of terms (Korean–English)",
  "reference.title": "Console reference",
  "reference.description":
    "Every command of the simulated Linux console on this site: synopsis, description and options, generated from the simulator itself.",
  "reference.intro":
    "The consoles on this site run a simulated Linux host. This page lists every command they know, generated from the same definitions that print their --help, so it always matches what the console does.",
  "reference.builtins": "Shell builtins",
  "reference.commands": "Commands",
  "nav.reference": "Console reference",
  "footer.note":
    "Every console on this site is a deterministic simulation running in your browser; nothing is sent anywhere.",
  // SEO (H3): Open Graph card text and its alt text.
  "seo.og.part": "Part {n} of {total}",
  "seo.og.home": "A hands-on series in {total} parts, with a Linux console in every article",
  "seo.og.alt": "Title card of {site}: “{title}”, {kicker}",
  // end SEO (H3)
} as const;

export type UiKey = keyof typeof en;

const ko: Record<UiKey, string> = {
  "site.name": "VM·컨테이너 실습실",
  "site.tagline":
    "가상 머신과 컨테이너가 실제로 어떻게 동작하는지, 페이지마다 리눅스 콘솔로 직접 확인합니다.",
  "site.description":
    "가상 머신과 컨테이너의 동작 원리를 직접 실습하며 배웁니다. 페이지 테이블 워크, 트랩되는 디스크 I/O, cgroup 스로틀링을 시뮬레이션된 리눅스 콘솔에서 명령어로 확인합니다.",
  "nav.skip": "본문으로 건너뛰기",
  "nav.home": "홈",
  "nav.series": "시리즈",
  "nav.language": "언어",
  "nav.switchTo": "이 페이지를 한국어로 읽기",
  "index.title": "가상 머신과 컨테이너, 직접 해 보며 이해하기",
  "index.intro":
    "하이퍼바이저와 리눅스 커널 안에서 실제로 무슨 일이 일어나는지 설명하는 연재입니다. 글마다 실제 명령어를 입력해 볼 수 있는 시뮬레이션 콘솔이 들어 있습니다.",
  "index.articles": "글 목록",
  "article.published": "게시일",
  "article.part": "편",
  "landing.title": "VM·컨테이너 실습실",
  "landing.choose": "언어를 선택하세요",
  "console.label": "리눅스 콘솔",
  "console.transcript": "아래 명령어를 시뮬레이션된 호스트에서 실행한 결과입니다.",
  "console.start": "콘솔 시작하기",
  "console.loading": "콘솔을 불러오는 중입니다…",
  "console.noscript": "이 콘솔은 자바스크립트가 있어야 동작합니다. 위 기록에서 출력 결과를 볼 수 있습니다.",
  "console.hint": "시뮬레이션된 리눅스 호스트입니다. help를 입력하고 Enter를 누르세요. Ctrl-C로 중단합니다.",
  "console.failed": "콘솔을 시작하지 못했습니다. 위 기록에서 출력 결과는 그대로 볼 수 있습니다.",
  "console.speed": "시뮬레이션 시간 속도",
  "console.speedInstant": "즉시",
  "console.screenReader": "화면 낭독기 모드",
  "console.running": "실행 중… 시뮬레이션 시각 {t}초 (Ctrl-C로 중단)",
  "series.label": "연재",
  "series.previous": "이전 글",
  "series.next": "다음 글",
  "series.glossary": "용어집 (한영 대조)",
  "reference.title": "콘솔 명령어 안내",
  "reference.description":
    "이 사이트의 시뮬레이션 리눅스 콘솔에서 쓸 수 있는 모든 명령어의 사용법, 설명, 옵션입니다. 시뮬레이터의 정의에서 바로 만들어집니다.",
  "reference.intro":
    "이 사이트의 콘솔은 시뮬레이션된 리눅스 호스트에서 돌아갑니다. 이 페이지는 콘솔이 아는 모든 명령어를 보여 주며, --help 출력과 같은 정의에서 만들어지므로 콘솔의 실제 동작과 항상 일치합니다.",
  "reference.builtins": "셸 내장 명령어",
  "reference.commands": "명령어",
  "nav.reference": "콘솔 명령어 안내",
  "footer.note":
    "이 사이트의 콘솔은 모두 브라우저 안에서 돌아가는 결정론적 시뮬레이션이며, 어떤 정보도 외부로 보내지 않습니다.",
  // SEO (H3): Open Graph 카드 문구와 대체 텍스트.
  "seo.og.part": "연재 {total}편 중 {n}편",
  "seo.og.home": "글마다 리눅스 콘솔이 들어 있는 {total}편짜리 실습 연재",
  "seo.og.alt": "{site} 글 표지: “{title}”, {kicker}",
  // end SEO (H3)
};

const dictionaries: Record<Lang, Record<UiKey, string>> = { en, ko };

export function t(lang: Lang, key: UiKey): string {
  return dictionaries[lang][key];
}

export function isLang(value: string | undefined): value is Lang {
  return value === "ko" || value === "en";
}

export function otherLang(lang: Lang): Lang {
  return lang === "ko" ? "en" : "ko";
}

/** For the key-set test. */
export const uiDictionaries = dictionaries;
