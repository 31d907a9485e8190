import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, openConsole, terminalRows, test, typeCommand } from "./fixtures";

const slug = "disk-io-virtualization";

async function lastRow(page: Page): Promise<string> {
  return (await terminalRows(page)).filter((r) => r !== "").at(-1) ?? "";
}

test.describe("trapped disk I/O article", () => {
  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: renders the console and the exit picture with its build-time example`, async ({
      page,
    }) => {
      await page.goto(`/${lang}/${slug}/`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator("figure.console")).toHaveCount(1);
      const picture = page.locator("figure.exit-timeline");
      await expect(picture).toHaveCount(1);
      await expect(picture).toHaveAttribute("data-state", "example");
      // The example is the model's own one-sector write: 265 I/O exits + 1 HLT through IDE, 2 through virtio.
      await expect(picture.locator("svg[role=img] title")).toHaveCount(2);
      await expect(picture.locator('[data-controller="ide"] svg')).toContainText("× 256");
      const total = picture
        .locator("tbody tr")
        .filter({ hasText: lang === "en" ? "All VM exits" : "전체 VM 종료" });
      await expect(total.locator("td")).toHaveText(["266", "2"]);
    });

    test(`${lang}: the static page carries the picture's text alternative without JavaScript`, async ({
      request,
    }) => {
      const html = await (await request.get(`/${lang}/${slug}/`)).text();
      expect(html).toContain("IO_INSTRUCTION (30)");
      expect(html).toContain("EPT_VIOLATION (48)");
    });
  }

  test("a multi-block IDE dd plays in simulated time in the page and finishes", async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`/en/${slug}/`);
    await openConsole(page);
    await typeCommand(page, "qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.raw,format=raw,if=ide");
    await expect.poll(async () => lastRow(page)).toMatch(/@guest:~#$/);
    // Exercise 4: sixteen 4 KiB blocks through the emulated IDE disk (about 33 000 exits).
    await typeCommand(page, "dd if=/dev/zero of=/dev/sda bs=4096 count=16 oflag=direct");
    await expect
      .poll(async () => (await terminalRows(page)).some((r) => r.startsWith("65536 bytes")), {
        timeout: 20_000,
      })
      .toBe(true);
    await expect.poll(async () => lastRow(page)).toMatch(/@guest:~#$/);
  });

  test("running the article's dd in a live IDE guest moves the picture", async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`/en/${slug}/`);
    await openConsole(page);
    await typeCommand(page, "qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.raw,format=raw,if=ide");
    await expect.poll(async () => lastRow(page)).toMatch(/@guest:~#$/);
    // Exercise 1 of the article.
    await typeCommand(page, "dd if=/dev/zero of=/dev/sda bs=512 count=1 oflag=direct");
    const picture = page.locator("figure.exit-timeline");
    await expect(picture).toHaveAttribute("data-state", "live", { timeout: 15_000 });
    await expect.poll(async () => (await terminalRows(page)).some((r) => r.includes("copied"))).toBe(true);
    // WRITE SECTORS of one sector: 7 task-file writes + 1 Status poll + 256 Data writes + 1 Status read after
    // the interrupt = 265 port I/O exits, all completed in QEMU, and 1 HLT while the guest waits.
    await expect(picture.locator(".status")).toContainText("266 VM exits, 265 of them completed in QEMU");
    await expect(picture.locator('[data-controller="ide"] svg')).toContainText("× 256");
    await expect(picture.locator('[data-controller="ide"] .tag')).toHaveCount(0);
    // The virtio panel keeps its example until a virtio guest runs.
    await expect(picture.locator('[data-controller="virtio"] .tag')).toHaveCount(1);
    await typeCommand(page, "poweroff");
    await typeCommand(
      page,
      "qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.raw,format=raw,if=virtio",
    );
    await expect.poll(async () => lastRow(page)).toMatch(/@guest:~#$/);
    await typeCommand(page, "dd if=/dev/zero of=/dev/vda bs=4096 count=4 oflag=direct");
    await expect(picture.locator('[data-controller="virtio"] .tag')).toHaveCount(0);
    // Four requests, two exits each (notify, HLT): the first notify is an EPT violation, the rest EPT misconfigs.
    await expect(picture.locator(".status")).toContainText(
      "virtio-blk: dd if=/dev/zero of=/dev/vda bs=4096 count=4",
    );
    const total = picture.locator("tbody tr").filter({ hasText: "All VM exits" });
    await expect(total.locator("td")).toHaveText(["266", "8"]);
    const misconfig = picture.locator("tbody tr").filter({ hasText: "EPT_MISCONFIG (49)" });
    await expect(misconfig.locator("td")).toHaveText(["0", "3"]);
  });

  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: no axe violations`, async ({ page }) => {
      await page.goto(`/${lang}/${slug}/`);
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
    });

    test(`${lang}: no axe violations once the picture is live`, async ({ page }) => {
      await page.goto(`/${lang}/${slug}/`);
      await openConsole(page);
      await typeCommand(
        page,
        "qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.raw,format=raw,if=virtio",
      );
      await expect
        .poll(async () => (await terminalRows(page)).some((r) => r.endsWith("@guest:~#")))
        .toBe(true);
      await typeCommand(page, "dd if=/dev/zero of=/dev/vda bs=512 count=1 oflag=direct");
      await expect(page.locator("figure.exit-timeline")).toHaveAttribute("data-state", "live");
      const results = await new AxeBuilder({ page }).include("figure.exit-timeline").analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
    });
  }
});
