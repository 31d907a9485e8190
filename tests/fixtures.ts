import { test as base, expect, type Page } from "@playwright/test";

/**
 * Every page test runs with two guards: nothing may leave the local server
 * (no CDN, font or analytics request), and nothing may be logged as an error.
 */
export const test = base.extend<{ guarded: { external: string[]; errors: string[] } }>({
  guarded: [
    async ({ page, baseURL }, use) => {
      const external: string[] = [];
      const errors: string[] = [];
      const origin = new URL(baseURL ?? "http://127.0.0.1").origin;
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:"))
          return route.continue();
        external.push(url);
        return route.abort();
      });
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      await use({ external, errors });
      expect(external, "requests that left the local server").toEqual([]);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const pilot = "docker-on-physical-or-virtual-machine";

/** Text of the live terminal's visible rows (xterm's DOM renderer), one string per row, right-trimmed. */
export async function terminalRows(page: Page): Promise<string[]> {
  return page
    .locator(".xterm-rows > div")
    .evaluateAll((rows) => rows.map((r) => (r.textContent ?? "").replace(/\s+$/, "")));
}

/** Scrolls the console into view and waits until the live terminal has replaced the transcript. */
export async function openConsole(page: Page): Promise<void> {
  const figure = page.locator("figure.console").first();
  await figure.scrollIntoViewIfNeeded();
  // Reached: the simulator runs; xterm loads when the reader clicks the console (embed pages: at once).
  await expect(figure).toHaveAttribute("data-phase", /^(ready|live)$/, { timeout: 15_000 });
  if ((await figure.getAttribute("data-phase")) === "ready") await figure.locator(".transcript").click();
  await expect(figure).toHaveAttribute("data-phase", "live", { timeout: 15_000 });
  await expect.poll(async () => (await terminalRows(page)).some((r) => /:~[#$]$/.test(r))).toBe(true);
  await page.locator(".xterm-helper-textarea").first().focus();
}

export async function typeCommand(page: Page, command: string): Promise<void> {
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
}
