/**
 * The search dialog's behaviour, loaded the first time the reader opens it (SearchButton.astro).
 * It loads Pagefind's runtime from `<base>pagefind/pagefind.js`, which picks the index of the
 * page's `<html lang>`, so a Korean page searches Korean articles and an English page English ones.
 * Korean queries lose their particles first (`컨테이너는` → `컨테이너`), see korean-stem.ts.
 *
 * Keys (WAI-ARIA APG, "Dialog (Modal)" and "Listbox" keyboard conventions, kept to plain links):
 * ↓ from the field goes to the first result, ↑/↓ move between results, ↑ from the first goes back
 * to the field, Home/End jump to the first/last result, Enter in the field opens the first result,
 * typing on a result types into the field, Esc closes and focus returns to where it was.
 */
import { withBase } from "../lib/urls";
import { stemKoreanQuery } from "./korean-stem";
import { format, toHit, type PagefindResultData, type SearchHit } from "./search-results";

/** The part of Pagefind's browser API used here (pagefind.app/docs/api/). */
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

interface Strings {
  loading: string;
  empty: string;
  one: string;
  other: string;
  none: string;
  error: string;
}

/** Enough for every article of one language; the count says how many matched. */
const maxResults = 10;
/** Waits this long after the last keystroke, so typing a Korean syllable by syllable searches once. */
const debounceMs = 120;
/** Words around the matches in each excerpt (Pagefind's `excerptLength`). */
const excerptWords = 24;

let runtime: Promise<PagefindApi> | undefined;

function loadPagefind(): Promise<PagefindApi> {
  runtime ??= (async () => {
    // A URL only known at run time: the index is written after the site is bundled.
    const api = (await import(/* @vite-ignore */ withBase("/pagefind/pagefind.js"))) as PagefindApi;
    await api.options({ excerptLength: excerptWords });
    await api.init();
    return api;
  })();
  runtime.catch(() => {
    // Let the next attempt try again (the reader may be back online).
    runtime = undefined;
  });
  return runtime;
}

function renderHit(hit: SearchHit, index: number): HTMLLIElement {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = hit.url;
  link.id = `search-result-${index}`;
  link.textContent = hit.title;
  if (hit.section !== undefined) {
    const section = document.createElement("span");
    section.className = "search-section";
    section.textContent = hit.section;
    link.append(" ", section);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  excerpt.id = `${link.id}-excerpt`;
  for (const part of hit.excerpt) {
    if (part.mark) {
      const mark = document.createElement("mark");
      mark.textContent = part.text;
      excerpt.append(mark);
    } else excerpt.append(part.text);
  }
  link.setAttribute("aria-describedby", excerpt.id);
  item.append(link, excerpt);
  return item;
}

const attached = new WeakSet<HTMLDialogElement>();

/** Wires the panel (SearchPanel.svelte's markup, its strings in `data-strings`) inside the dialog. */
export function attachSearch(dialog: HTMLDialogElement, panel: HTMLElement): void {
  if (attached.has(dialog)) return;
  const input = panel.querySelector<HTMLInputElement>("[data-search-input]");
  const status = panel.querySelector<HTMLElement>("[data-search-status]");
  const list = panel.querySelector<HTMLOListElement>("[data-search-results]");
  if (!input || !status || !list) return;
  attached.add(dialog);
  const strings = JSON.parse(panel.dataset["strings"] ?? "{}") as Strings;

  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const links = (): HTMLAnchorElement[] => [...list.querySelectorAll<HTMLAnchorElement>("a")];

  async function run(typed: string): Promise<void> {
    const mine = ++generation;
    const query = stemKoreanQuery(typed);
    if (query === "") {
      list!.replaceChildren();
      status!.textContent = strings.empty;
      return;
    }
    try {
      const api = await loadPagefind();
      const found = (await api.search(query))?.results ?? [];
      const data = await Promise.all(found.slice(0, maxResults).map((r) => r.data()));
      if (mine !== generation) return;
      list!.replaceChildren(...data.map((d, i) => renderHit(toHit(d), i)));
      const shown = typed.trim();
      status!.textContent =
        found.length === 0
          ? format(strings.none, { query: shown })
          : format(found.length === 1 ? strings.one : strings.other, { count: found.length, query: shown });
    } catch {
      if (mine !== generation) return;
      list!.replaceChildren();
      status!.textContent = strings.error;
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), debounceMs);
  });

  dialog.addEventListener("keydown", (event) => {
    // While a Korean syllable is being composed, Enter and the arrows belong to the input method.
    if (event.isComposing) return;
    const all = links();
    const at = all.indexOf(event.target as HTMLAnchorElement);
    const focus = (el: HTMLElement | undefined): void => {
      if (!el) return;
      event.preventDefault();
      el.focus();
    };
    switch (event.key) {
      case "ArrowDown":
        if (event.target === input) focus(all[0]);
        else if (at >= 0) focus(all[at + 1]);
        break;
      case "ArrowUp":
        if (at === 0) focus(input);
        else if (at > 0) focus(all[at - 1]);
        break;
      case "Home":
        if (at >= 0) focus(all[0]);
        break;
      case "End":
        if (at >= 0) focus(all.at(-1));
        break;
      case "Enter":
        if (event.target === input && all[0]) {
          event.preventDefault();
          all[0].click();
        }
        break;
      case "Escape":
        // Close on the first Esc, also from a search field that would otherwise only clear itself.
        event.preventDefault();
        dialog.close();
        break;
      default:
        if (at >= 0 && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey)
          input.focus();
    }
  });

  // A click on the backdrop lands on the dialog element itself, outside its box.
  dialog.addEventListener("click", (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!inside) dialog.close();
  });
  list.addEventListener("click", (event) => {
    if (!(event.target instanceof Element) || event.target.closest("a") === null) return;
    // Going to the result: focus follows the link, not back to the button.
    dialog.setAttribute("data-navigating", "");
    dialog.close();
  });

  dialog.setAttribute("data-ready", "");
  status.textContent = strings.loading;
  loadPagefind().then(
    () => {
      if (generation === 0) status.textContent = strings.empty;
    },
    () => {
      status.textContent = strings.error;
    },
  );
  if (input.value.trim() !== "") void run(input.value);
}
