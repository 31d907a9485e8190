import AxeBuilder from "@axe-core/playwright";
import { expect, openConsole, terminalRows, test, typeCommand } from "./fixtures";

const slug = "container-cpu-memory-limits";

test.describe("cgroup article pair: console and throttling timeline", () => {
  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: renders the consoles and the pictures, static state first`, async ({ request, page }) => {
      // Before any script runs: the transcript and the picture's explanatory state are in the HTML.
      const html = await (await request.get(`/${lang}/${slug}/`)).text();
      expect(html).toContain("cgexec -g cpu:/demo stress-ng --cpu 4 --timeout 1");
      expect(html).toContain('data-state="static"');
      await page.goto(`/${lang}/${slug}/`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator("figure.console")).toHaveCount(2);
      const pictures = page.locator("figure.cgroup-timeline");
      await expect(pictures).toHaveCount(2);
      await expect(pictures.first().locator("svg[role=img] title")).toHaveCount(1);
      await expect(pictures.first().locator("svg[role=img] desc")).toHaveCount(1);
      await expect(pictures.first().locator("[role=status]")).toHaveCount(1);
    });
  }

  test("typing a throttled workload in the live console draws throttled CPU time", async ({ page }) => {
    await page.goto(`/en/${slug}/`);
    await openConsole(page);
    const picture = page.locator("figure.cgroup-timeline").first();
    await picture.scrollIntoViewIfNeeded();
    await page.locator(".xterm-helper-textarea").first().focus();
    await typeCommand(page, "echo 50000 100000 > /sys/fs/cgroup/demo/cpu.max");
    await typeCommand(page, "cgexec -g cpu:/demo stress-ng --cpu 4 --timeout 1");
    await expect
      .poll(async () => (await terminalRows(page)).some((r) => r.includes("successful run completed")), {
        timeout: 20_000,
      })
      .toBe(true);
    // The picture follows the same lab: throttled spans on the CPU lanes and throttled periods.
    await expect(picture).toHaveAttribute("data-state", "live");
    await expect.poll(() => picture.locator("rect[data-span=throttled]").count()).toBeGreaterThan(0);
    await expect.poll(() => picture.locator("rect[data-span=running]").count()).toBeGreaterThan(0);
    await expect(picture.locator("desc")).toContainText("/demo");
    await expect(picture.locator("desc")).toContainText(/throttled/);
    // The live picture (SVG, legend, live region) stays accessible too.
    const results = await new AxeBuilder({ page }).include("figure.cgroup-timeline").analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: no axe violations`, async ({ page }) => {
      await page.goto(`/${lang}/${slug}/`);
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
    });
  }
});
