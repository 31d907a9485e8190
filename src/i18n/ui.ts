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
  "index.title": "How virtual machines and containers work, hands on",
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
  "console.activate": "The simulated host is running. Click here or press a key to type.",
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
  // Lead: navigation, theme, 404, no-JS notes.
  "theme.label": "Theme",
  "theme.system": "System",
  "theme.light": "Light",
  "theme.dark": "Dark",
  "theme.change": "Theme: {mode}. Switch to the next theme",
  "nav.notTranslated": "not available in English: opens the English home page",
  "nav.seriesIndex": "All articles in the series",
  "toc.title": "On this page",
  "notFound.title": "Page not found",
  "notFound.description": "The page you asked for is not on this site.",
  "notFound.body":
    "This address does not match any page. It may have been mistyped, or the page may have moved. The articles of the series are listed below.",
  "notFound.home": "Go to the home page",
  "picture.noscript":
    "Without JavaScript this picture cannot follow the console; it shows the state computed when the page was built.",
  // end Lead
  // Embeds (H1): Share/Embed on every console, embed pages and their parameter messages.
  "console.share": "Share link",
  "console.embed": "Embed",
  "console.shareField": "Link that replays this session",
  "console.embedField": "HTML to put this console in another page",
  "console.copied": "Copied to the clipboard.",
  "console.copyManually":
    "This page may not use the clipboard: the text above is selected, press Ctrl+C (⌘C on a Mac) to copy it.",
  "console.shareTooLong":
    "This session does not fit in a link (at most 100 commands, about 6 KB of text). Run reset and share a shorter one.",
  "embed.title.console": "Linux console",
  "embed.title.cgroup": "cgroup v2 throttling lab",
  "embed.title.mmu": "Page-table walk lab",
  "embed.title.io": "Disk I/O virtualization lab",
  "embed.description":
    "A simulated Linux console to embed in a course page: a deterministic model running in the browser, nothing sent anywhere.",
  "embed.run": "Run the link's commands ({n})",
  "embed.script": "This link runs these commands:",
  "embed.problems": "This link has a problem",
  "embed.problem.query-too-long":
    "The link's parameters are longer than 10,000 characters, so none of them is used.",
  "embed.problem.scenario-unknown":
    "The link names a scenario this simulator does not have, so its commands are not run. Scenarios here: {list}.",
  "embed.problem.run-encoding":
    "The link's commands (run=) are not base64url-encoded UTF-8 text, so none of them is run.",
  "embed.problem.run-too-long":
    "The link's commands (run=) are longer than 8,192 characters, so none of them is run.",
  "embed.problem.run-too-many": "The link holds more than 100 commands, so none of them is run.",
  "embed.problem.run-command-too-long":
    "One of the link's commands is longer than 2,000 characters, so none of them is run.",
  "embed.problem.run-control":
    "The link's commands contain control characters (tab, escape…), which the console would read as keys, so none of them is run.",
  "embed.problem.autorun-invalid": "autorun= must be 1 (or empty) or 0: the commands wait for a click.",
  "embed.problem.theme-invalid": "theme= must be light or dark: the system setting is used.",
  "embed.guide": "Embedding guide",
  // end Embeds (H1)
  // Search (H2): the header button and the search dialog.
  "search.open": "Search",
  "search.shortcut": "Search the articles (/ or Ctrl+K)",
  "search.title": "Search the articles",
  "search.label": "Words to search for",
  "search.placeholder": "e.g. page table walk",
  "search.close": "Close",
  "search.hint": "↑ ↓ move between results, Enter opens one, Esc closes.",
  "search.resultsLabel": "Search results",
  "search.loading": "Loading the search index…",
  "search.empty": "Type a word or two from the articles.",
  "search.resultsOne": "1 article matches “{query}”.",
  "search.resultsOther": "{count} articles match “{query}”.",
  "search.none": "No article matches “{query}”. Try fewer words or another spelling.",
  "search.error": "Search could not be loaded. Check the connection and open search again.",
  // end Search (H2)
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
  "index.title": "가상 머신과 컨테이너 동작 원리, 직접 해 보며 이해하기",
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
  "console.activate":
    "시뮬레이션된 호스트가 실행 중입니다. 여기를 클릭하거나 아무 키나 누르면 입력할 수 있습니다.",
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
  "seo.og.home": "글마다 리눅스 콘솔이 들어 있는 전 {total}편 실습 연재",
  "seo.og.alt": "{site} 표지 이미지: “{title}”, {kicker}",
  // end SEO (H3)
  // Lead: 탐색, 테마, 404, 스크립트 없이 읽기.
  "theme.label": "테마",
  "theme.system": "시스템 설정",
  "theme.light": "밝게",
  "theme.dark": "어둡게",
  "theme.change": "테마: {mode}. 다음 테마로 바꾸기",
  "nav.notTranslated": "한국어판이 없어 한국어 홈으로 이동합니다",
  "nav.seriesIndex": "연재 전체 목록",
  "toc.title": "이 글의 차례",
  "notFound.title": "페이지를 찾을 수 없습니다",
  "notFound.description": "요청한 페이지가 이 사이트에 없습니다.",
  "notFound.body":
    "이 주소에 해당하는 페이지가 없습니다. 주소를 잘못 입력했거나 페이지가 옮겨졌을 수 있습니다. 아래에 연재 글 목록이 있습니다.",
  "notFound.home": "홈으로 가기",
  "picture.noscript":
    "자바스크립트가 없으면 이 그림은 콘솔에 맞춰 바뀌지 않고, 페이지를 빌드할 때 계산한 상태를 보여 줍니다.",
  // end Lead
  // Embeds (H1): 콘솔의 공유·임베드 버튼, 임베드 페이지와 매개변수 오류 문구.
  "console.share": "링크 공유하기",
  "console.embed": "임베드하기",
  "console.shareField": "이 세션을 그대로 다시 실행하는 링크",
  "console.embedField": "다른 페이지에 이 콘솔을 넣는 HTML",
  "console.copied": "클립보드에 복사했습니다.",
  "console.copyManually":
    "이 페이지에서는 클립보드를 쓸 수 없습니다. 위 텍스트가 선택되어 있으니 Ctrl+C (Mac에서는 ⌘C)를 눌러 복사하세요.",
  "console.shareTooLong":
    "이 세션은 링크에 담기에 너무 깁니다 (명령어 100개, 텍스트 약 6KB까지). reset을 실행한 뒤 더 짧은 세션을 공유하세요.",
  "embed.title.console": "리눅스 콘솔",
  "embed.title.cgroup": "cgroup v2 스로틀링 실습",
  "embed.title.mmu": "페이지 테이블 워크 실습",
  "embed.title.io": "디스크 I/O 가상화 실습",
  "embed.description":
    "강의 페이지에 넣어 쓰는 시뮬레이션 리눅스 콘솔입니다. 브라우저 안에서 결정론적 모델로 돌아가며, 어떤 정보도 외부로 보내지 않습니다.",
  "embed.run": "링크의 명령어 실행하기 ({n}개)",
  "embed.script": "이 링크는 다음 명령어를 실행합니다:",
  "embed.problems": "링크에 문제가 있습니다",
  "embed.problem.query-too-long": "링크의 매개변수가 10,000자를 넘어 하나도 사용하지 않았습니다.",
  "embed.problem.scenario-unknown":
    "링크에 적힌 시나리오가 이 시뮬레이터에 없어 명령어를 실행하지 않았습니다. 쓸 수 있는 시나리오: {list}.",
  "embed.problem.run-encoding":
    "링크의 명령어(run=)가 base64url로 인코딩한 UTF-8 텍스트가 아니어서 하나도 실행하지 않았습니다.",
  "embed.problem.run-too-long": "링크의 명령어(run=)가 8,192자를 넘어 하나도 실행하지 않았습니다.",
  "embed.problem.run-too-many": "링크에 든 명령어가 100개를 넘어 하나도 실행하지 않았습니다.",
  "embed.problem.run-command-too-long":
    "링크의 명령어 가운데 2,000자를 넘는 것이 있어 하나도 실행하지 않았습니다.",
  "embed.problem.run-control":
    "링크의 명령어에 콘솔이 키 입력으로 받아들일 제어 문자 (탭, Esc 등)가 들어 있어 하나도 실행하지 않았습니다.",
  "embed.problem.autorun-invalid":
    "autorun= 값은 1(또는 빈 값)이나 0이어야 합니다. 명령어는 버튼을 눌러야 실행됩니다.",
  "embed.problem.theme-invalid": "theme= 값은 light 또는 dark여야 합니다. 시스템 설정을 따릅니다.",
  "embed.guide": "임베드 안내",
  // end Embeds (H1)
  // Search (H2): 머리글의 검색 버튼과 검색 대화 상자.
  "search.open": "검색하기",
  "search.shortcut": "글 검색하기 (/ 또는 Ctrl+K)",
  "search.title": "글 검색",
  "search.label": "검색어",
  "search.placeholder": "예: 페이지 워크",
  "search.close": "닫기",
  "search.hint": "↑ ↓ 키로 결과 사이를 이동하고, Enter로 열고, Esc로 닫습니다.",
  "search.resultsLabel": "검색 결과",
  "search.loading": "검색 색인을 불러오는 중입니다…",
  "search.empty": "글에 나오는 단어를 한두 개 입력하세요.",
  "search.resultsOne": "“{query}”에 맞는 글이 1편 있습니다.",
  "search.resultsOther": "“{query}”에 맞는 글이 {count}편 있습니다.",
  "search.none": "“{query}”에 맞는 글이 없습니다. 단어 수를 줄이거나 다른 표기로 찾아보세요.",
  "search.error": "검색 기능을 불러오지 못했습니다. 네트워크 연결을 확인한 뒤 검색을 다시 열어 보세요.",
  // end Search (H2)
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
