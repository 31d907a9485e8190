import AxeBuilder from "@axe-core/playwright";
import { expect, openConsole, terminalRows, test, typeCommand } from "./fixtures";

const slug = "memory-virtualization-page-tables";
const picture = "figure.pagewalk";
const narration = `${picture} .narration`;

test.describe("page-walk article in both languages", () => {
  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: renders the console and the picture, with an example walk before JavaScript runs`, async ({
      request,
      page,
    }) => {
      // The build-time example is a cold nested 4-on-4 walk: (4+1)(4+1)−1 = 24 steps in the HTML.
      const html = await (await request.get(`/${lang}/${slug}/`)).text();
      expect(html).toContain('class="pagewalk');
      expect(html).toMatch(lang === "en" ? /Step 1 of 24/ : /24단계 중 1단계/);
      await page.goto(`/${lang}/${slug}/`);
      await expect(page.locator("figure.console")).toHaveCount(1);
      await expect(page.locator(picture)).toHaveCount(1);
      await expect(page.locator(`${picture} table.grid td button`)).toHaveCount(24);
    });
  }

  test("typing mmu walk in the live console redraws the picture", async ({ page }) => {
    await page.goto(`/en/${slug}/`);
    await openConsole(page);
    await page.locator(picture).scrollIntoViewIfNeeded();
    await expect(page.locator(picture)).toHaveAttribute("data-source", "live");
    // Back to native mode: a cold 4-level walk is four references, and the grid gives way to the tables.
    await page.locator(".xterm-helper-textarea").first().focus();
    await typeCommand(page, "mmu mode native");
    await typeCommand(page, "mmu walk 0x7f1234567abc --user");
    await expect.poll(async () => (await terminalRows(page)).includes("page-table references: 4")).toBe(true);
    await expect(page.locator(picture)).toHaveAttribute("data-mode", "native");
    await expect(page.locator(narration)).toContainText("Step 1 of 4: PML4 entry 254");
    await expect(page.locator(`${picture} ol.tables > li`)).toHaveCount(4);
  });

  test("steps with the buttons and with ← → change the narrated step", async ({ page }) => {
    await page.goto(`/en/${slug}/`);
    const figure = page.locator(picture);
    await figure.scrollIntoViewIfNeeded();
    await expect(page.locator(narration)).toContainText("Step 1 of 24");
    // Wait for hydration: the island marks itself with its live subscription or keeps the example;
    // either way, the buttons work once Svelte owns them.
    await expect(figure.getByRole("button", { name: "Next step" })).toBeVisible();
    await expect
      .poll(async () => {
        await figure.getByRole("button", { name: "Next step" }).click();
        return page.locator(narration).innerText();
      })
      .toMatch(/^Step [2-9] of 24: /);
    await figure.getByRole("button", { name: "First step" }).click();
    await expect(page.locator(narration)).toContainText("Step 1 of 24: EPT PML4 entry");
    await figure.getByRole("button", { name: "Next step" }).click();
    await figure.getByRole("button", { name: "Next step" }).click();
    await expect(page.locator(narration)).toContainText("Step 3 of 24: EPT PD entry");
    await figure.getByRole("button", { name: "Previous step" }).click();
    await expect(page.locator(narration)).toContainText("Step 2 of 24");
    const stage = figure.locator(".stage");
    await stage.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    // Step 5 reads the guest PML4 entry, once its table's address went through four EPT levels.
    await expect(page.locator(narration)).toContainText("Step 5 of 24: guest PML4 entry 254");
    await page.keyboard.press("ArrowLeft");
    await expect(page.locator(narration)).toContainText("Step 4 of 24: EPT PT entry");
    await page.keyboard.press("End");
    await expect(page.locator(narration)).toContainText("Step 24 of 24");
    await expect(page.locator(narration)).toContainText("guest-physical 0x200abc");
    await expect(page.locator(narration)).toHaveAttribute("aria-live", "polite");
  });

  test("the Korean picture narrates in Korean", async ({ page }) => {
    await page.goto(`/ko/${slug}/`);
    const figure = page.locator(picture);
    await figure.scrollIntoViewIfNeeded();
    await expect
      .poll(async () => {
        await figure.getByRole("button", { name: "다음 단계" }).click();
        return page.locator(narration).innerText();
      })
      .toMatch(/^24단계 중 [2-9]단계: /);
  });
});

test.describe("accessibility (axe-core)", () => {
  for (const lang of ["ko", "en"] as const) {
    test(`no violations on /${lang}/${slug}/`, async ({ page }) => {
      await page.goto(`/${lang}/${slug}/`);
      await page.locator(picture).scrollIntoViewIfNeeded();
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
    });
  }
});
