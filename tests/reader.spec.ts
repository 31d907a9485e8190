import { expect, openConsole, terminalRows, test, typeCommand } from "./fixtures";

const noSimulator = "linux-namespaces";

test.describe("theme", () => {
  test("the toggle cycles system → light → dark from the keyboard and the choice survives a reload without a flash", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(`/en/${noSimulator}/`);
    const toggle = page.locator("#theme-toggle");
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAccessibleName(/Theme: System/);
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await page.keyboard.press("Enter");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(toggle).toHaveAccessibleName(/Theme: Dark/);
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe("rgb(13, 17, 23)");

    // On the next page the theme must be in place before <body> exists, i.e. before the first paint.
    await page.addInitScript(() => {
      const w = window as unknown as { themeAtBody?: string };
      new MutationObserver((_, observer) => {
        if (document.body !== null) {
          w.themeAtBody = document.documentElement.dataset.theme ?? "none";
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`/ko/${noSimulator}/`);
    expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).toBe(
      "dark",
    );
    await expect(page.locator("#theme-toggle")).toHaveAccessibleName(/테마: 어둡게/);
    await page.locator("#theme-toggle").click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
    await page.reload();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  });

  test("follows the system setting when nothing was chosen", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`/ko/${noSimulator}/`);
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe("rgb(13, 17, 23)");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      "rgb(255, 255, 255)",
    );
  });
});

test.describe("navigation", () => {
  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: the sidebar lists the series in the home page's order and marks the current article`, async ({
      page,
    }) => {
      await page.goto(`/${lang}/`);
      const homeOrder = await page
        .locator("ol.series > li > a")
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      await page.goto(`/${lang}/${noSimulator}/`);
      const sidebar = page.locator(".series-sidebar");
      const sidebarOrder = await sidebar
        .locator("ol > li > a")
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(sidebarOrder).toEqual(homeOrder);
      await expect(sidebar.locator('[aria-current="page"]')).toHaveAttribute(
        "href",
        new RegExp(`/${noSimulator}/$`),
      );
    });

    test(`${lang}: the table of contents lists every section and its links land on them`, async ({
      page,
    }) => {
      await page.goto(`/${lang}/${noSimulator}/`);
      const sections = await page.locator(".prose h2[id]").evaluateAll((hs) => hs.map((h) => h.id));
      const tocTargets = await page
        .locator(".toc > ol > li > a")
        .evaluateAll((as) => as.map((a) => (a.getAttribute("href") ?? "").slice(1)));
      expect(tocTargets).toEqual(sections.filter((id) => id !== "toc-title"));
      const last = page.locator(".toc > ol > li > a").last();
      await last.click();
      await expect(page.locator(`[id="${tocTargets.at(-1) ?? ""}"]`)).toBeInViewport();
    });

    test(`${lang}: a missing page answers 404 with that language's page`, async ({ browser, baseURL }) => {
      // Its own context: the browser logs the 404 status as a console error, which the guarded page would count.
      const page = await (await browser.newContext({ baseURL: baseURL ?? "" })).newPage();
      const response = await page.goto(`/${lang}/no-such-article/`);
      expect(response?.status()).toBe(404);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator("h1")).toHaveText(
        lang === "ko" ? "페이지를 찾을 수 없습니다" : "Page not found",
      );
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex");
      await page.locator(`main a[href$="/${lang}/${noSimulator}/"]`).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/${noSimulator}/$`));
    });
  }

  test("outside both languages the 404 page speaks both", async ({ browser, baseURL }) => {
    const page = await (await browser.newContext({ baseURL: baseURL ?? "" })).newPage();
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.locator("h1")).toHaveText("페이지를 찾을 수 없습니다");
    await expect(page.locator("h2", { hasText: "Page not found" })).toBeVisible();
  });
});

test.describe("keyboard", () => {
  for (const path of ["/en/linux-namespaces/", "/ko/"]) {
    test(`${path}: every control is reached with Tab and shows a visible focus ring`, async ({ page }) => {
      await page.goto(path);
      const seen: string[] = [];
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const e = document.activeElement as HTMLElement | null;
          if (e === null || e === document.body) return undefined;
          const style = getComputedStyle(e);
          return {
            name: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}:${(e.textContent ?? "").trim().slice(0, 30)}`,
            outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
            visible: e.getClientRects().length > 0,
          };
        });
        if (focused === undefined) break;
        seen.push(focused.name);
        expect(focused.visible, focused.name).toBe(true);
        expect(focused.outline, `focus ring on ${focused.name}`).toBeGreaterThanOrEqual(2);
      }
      // The skip link comes first, then the header's controls.
      expect(seen[0]).toMatch(/^a:/);
      expect(seen.some((n) => n.startsWith("button#theme-toggle"))).toBe(true);
    });
  }
});

test.describe("console accessibility", () => {
  test("the screen-reader mode is reached from the keyboard and gives xterm's accessible buffer", async ({
    page,
  }) => {
    await page.goto("/en/docker-on-physical-or-virtual-machine/");
    await page.locator("figure.console").first().scrollIntoViewIfNeeded();
    const checkbox = page.getByRole("checkbox", { name: "Screen reader mode" }).first();
    await expect(checkbox).toBeVisible({ timeout: 15_000 });
    await checkbox.focus();
    await page.keyboard.press("Space");
    await expect(checkbox).toBeChecked();
    // The transcript itself is a focusable, named group; a key on it starts the terminal.
    const transcript = page.getByRole("group", { name: /Transcript of the commands/ }).first();
    await transcript.focus();
    await page.keyboard.type("echo a11y");
    await expect(page.locator("figure.console").first()).toHaveAttribute("data-phase", "live", {
      timeout: 15_000,
    });
    await page.keyboard.press("Enter");
    // xterm mirrors its rows into an accessibility tree only in screen-reader mode.
    await expect(page.locator(".xterm-accessibility-tree").first()).toContainText("a11y");
  });
});

test.describe("console controls", () => {
  test("the speed selector changes how fast simulated time plays", async ({ page }) => {
    await page.goto("/en/docker-on-physical-or-virtual-machine/");
    await openConsole(page);
    await page
      .getByRole("combobox", { name: "Simulated time speed" })
      .first()
      .selectOption({ label: "instant" });
    await page.locator(".xterm-helper-textarea").first().focus();
    // 10 000 simulated seconds: about 33 minutes at the default 5×, a blink at "instant".
    await typeCommand(page, "sleep 10000; echo woke");
    await expect
      .poll(async () => (await terminalRows(page)).includes("woke"), { timeout: 10_000 })
      .toBe(true);
  });
});

test.describe("print", () => {
  test("prints the article and its transcript without the site's chrome", async ({ browser, baseURL }) => {
    // As printed from the HTML: the static transcript is what a printout can hold.
    const context = await browser.newContext({ baseURL: baseURL ?? "", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/en/container-cpu-memory-limits/");
    await page.emulateMedia({ media: "print" });
    for (const chrome of [".site-header", ".site-footer", ".series-sidebar", ".series-nav", ".toc"]) {
      await expect(page.locator(chrome).first()).toBeHidden();
    }
    await expect(page.locator("h1")).toBeVisible();
    const transcript = page.locator(".console .transcript").first();
    await expect(transcript).toBeVisible();
    expect(await transcript.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe("pre-wrap");
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe("rgb(0, 0, 0)");
    await context.close();
  });

  test("a live console prints the article's transcript, not the terminal", async ({ page }) => {
    await page.goto("/ko/docker-on-physical-or-virtual-machine/");
    await openConsole(page);
    await expect(page.locator(".console .transcript").first()).toBeHidden();
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".console .transcript").first()).toBeVisible();
    await expect(page.locator(".console .terminal").first()).toBeHidden();
    await expect(page.locator(".console .controls").first()).toBeHidden();
  });
});

test.describe("without JavaScript", () => {
  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: every simulator shows its transcript or example and says why it is still`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({ baseURL: baseURL ?? "", javaScriptEnabled: false });
      const page = await context.newPage();
      for (const slug of [
        "container-cpu-memory-limits",
        "memory-virtualization-page-tables",
        "disk-io-virtualization",
      ]) {
        await page.goto(`/${lang}/${slug}/`);
        await expect(page.locator(".prose p").first()).toBeVisible();
        const transcripts = page.locator(".console .transcript");
        expect(await transcripts.count()).toBeGreaterThan(0);
        expect((await transcripts.first().innerText()).length).toBeGreaterThan(20);
        await expect(page.locator(".console-block noscript").first()).toBeAttached();
        expect(await page.locator(".picture-noscript").count()).toBeGreaterThan(0);
        await expect(page.locator(".picture-noscript").first()).toBeVisible();
      }
      await context.close();
    });
  }
});

test.describe("security headers and CSP", () => {
  test("every page carries a CSP without eval or inline-script wildcards, and refuses to be framed", async ({
    request,
  }) => {
    for (const path of [
      "/",
      "/ko/",
      "/en/linux-namespaces/",
      "/ko/container-cpu-memory-limits/",
      "/en/console/",
    ]) {
      const response = await request.get(path);
      const html = await response.text();
      const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
      const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
      expect(scriptSrc, path).toContain("'self'");
      expect(scriptSrc, path).not.toContain("'unsafe-eval'");
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, path).not.toMatch(/https?:|\*/);
      expect(csp, path).toContain("default-src 'self'");
      expect(response.headers()["content-security-policy"], path).toBe("frame-ancestors 'self'");
      expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
    }
  });

  test("a page framed by another origin is blocked", async ({ browser, baseURL }) => {
    // Its own context: the refusal is logged as a console error, which the guarded page would count.
    const context = await browser.newContext();
    const page = await context.newPage();
    const site = new URL(baseURL ?? "http://127.0.0.1");
    // localhost and 127.0.0.1 are different origins on the same server.
    const otherOrigin = `http://localhost:${site.port}`;
    await page.route(`${otherOrigin}/host.html`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>host</title><iframe title="t" src="${site.origin}/en/linux-namespaces/"></iframe>`,
      }),
    );
    await page.goto(`${otherOrigin}/host.html`);
    // A refused frame shows the browser's error page instead of ours.
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => frame?.url()).toMatch(/^chrome-error:/);
    await context.close();
  });
});
