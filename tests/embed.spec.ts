import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { Frame, Page } from "@playwright/test";
import { runTranscript } from "../sim/src/lab";
import { encodeScript } from "../src/embed/script";
import { expect, openConsole, terminalRows, test, typeCommand } from "./fixtures";

/**
 * Instructor embeds, end to end: a course page on another origin frames each
 * simulator in an iframe sandboxed to scripts only (an opaque origin), and
 * talks to it with the documented messages.
 */

const hostHtml = readFileSync(join(import.meta.dirname, "embed-host.html"), "utf8");
const sims = ["console", "cgroup", "mmu", "io"] as const;
type Sim = (typeof sims)[number];

function run(commands: string[]): string {
  const encoded = encodeScript(commands);
  if (!encoded.ok) throw new Error(encoded.problem);
  return encoded.value;
}

interface Received {
  source: string;
  version: number;
  type: string;
  [field: string]: unknown;
}

/**
 * The course page is served by a real server on a second origin (a free port of its own per worker):
 * Chromium's Local Network Access checks would block a loopback iframe inside a page Playwright made up.
 */
let hostServer: Server | undefined;
let hostOrigin = "";

test.beforeAll(async () => {
  hostServer = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    response.end(hostHtml);
  });
  await new Promise<void>((resolve, reject) => {
    hostServer?.once("error", reject);
    hostServer?.listen(0, "127.0.0.1", resolve);
  });
  const address = hostServer.address();
  if (address === null || typeof address === "string") throw new Error("host server has no port");
  hostOrigin = `http://127.0.0.1:${address.port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => hostServer?.close(resolve));
});

/** Opens the host page around `embedPath`; returns the embed's frame. */
async function openHost(page: Page, baseURL: string | undefined, embedPath: string): Promise<Frame> {
  // The guard fixture aborts other origins: let this one through.
  await page.route(`${hostOrigin}/**`, (route) => route.continue());
  const src = new URL(embedPath, baseURL).href;
  await page.goto(`${hostOrigin}/host.html?src=${encodeURIComponent(src)}`);
  await expect.poll(() => page.frames().length).toBe(2);
  const frame = page.frames()[1];
  if (frame === undefined) throw new Error("no iframe");
  return frame;
}

async function received(page: Page): Promise<Received[]> {
  return page.evaluate(() => (window as unknown as { received: Received[] }).received);
}

async function waitFor(page: Page, match: (m: Received) => boolean, timeout = 15_000): Promise<Received> {
  let found: Received | undefined;
  await expect
    .poll(
      async () => {
        found = (await received(page)).find(match);
        return found !== undefined;
      },
      { timeout },
    )
    .toBe(true);
  return found as Received;
}

async function frameRows(frame: Frame): Promise<string[]> {
  return frame
    .locator(".xterm-rows > div")
    .evaluateAll((rows) => rows.map((r) => (r.textContent ?? "").replace(/\s+$/, "")));
}

/** Per simulator: a script for its link, a command that reaches a milestone, and that milestone. */
const plans: Record<
  Sim,
  { scenario: string; script: string[]; trigger: string; milestone: string | undefined }
> = {
  console: {
    scenario: "default",
    script: ["nproc", "echo 'a & b # c'"],
    trigger: "true",
    milestone: undefined,
  },
  cgroup: {
    scenario: "cgroup",
    script: ["mkdir /sys/fs/cgroup/demo", "echo 50000 100000 > /sys/fs/cgroup/demo/cpu.max"],
    trigger: "cgexec -g cpu:/demo stress-ng --cpu 4 --timeout 1",
    milestone: "cgroup.throttled",
  },
  mmu: {
    scenario: "mmu",
    script: ["mmu map 0x7f1234567000 0x200000 --flags rw,user", "mmu mode nested"],
    trigger: "mmu walk 0x7f1234567abc --user",
    milestone: "mmu.walk-nested",
  },
  io: {
    scenario: "io",
    script: ["ls -l", "qemu-img info disk.qcow2"],
    trigger: "qemu-system-x86_64 -enable-kvm -m 256M -drive file=disk.raw,format=raw,if=ide",
    milestone: "io.guest-booted",
  },
};

test.describe("embeds in a sandboxed iframe on another origin", () => {
  for (const sim of sims) {
    for (const lang of ["en", "ko"] as const) {
      test(`${sim} (${lang}): resizes, reports commands and milestones, runs the host's commands`, async ({
        page,
        baseURL,
      }) => {
        test.setTimeout(60_000);
        const plan = plans[sim];
        const frame = await openHost(
          page,
          baseURL,
          `/${lang}/embed/${sim}/?run=${run(plan.script)}&autorun=1`,
        );
        const ready = await waitFor(page, (m) => m.type === "ready");
        expect(ready).toMatchObject({
          sim,
          scenario: plan.scenario,
          lang,
          commands: plan.script.length,
          autorun: true,
        });

        // The iframe follows the content's height (the host snippet sets it from each height message).
        await expect
          .poll(async () => {
            const heights = (await received(page)).filter((m) => m.type === "height");
            const last = heights.at(-1)?.["height"];
            const box = await page.locator("#lab").boundingBox();
            return typeof last === "number" && last > 300 && Math.abs((box?.height ?? 0) - last) <= 1;
          })
          .toBe(true);

        // The link's commands ran, each reported with the output the simulator prints (computed here by the model).
        const expected = await runTranscript(plan.script, { scenario: plan.scenario, lang });
        for (const entry of expected) {
          const event = await waitFor(page, (m) => m.type === "command" && m["command"] === entry.command);
          expect(event).toMatchObject({
            status: entry.status,
            output: entry.output,
            origin: "script",
            truncated: false,
          });
        }

        // The host sends a command: it runs in the console, and comes back with its id.
        await page.evaluate((command) => {
          (window as unknown as { send: (m: unknown) => void }).send({
            source: "vmlab",
            version: 1,
            type: "run",
            command,
            id: "step-1",
          });
        }, plan.trigger);
        const answer = await waitFor(page, (m) => m.type === "command" && m["id"] === "step-1", 30_000);
        expect(answer).toMatchObject({ command: plan.trigger, origin: "host", status: 0 });
        // What the console shows ends with what the event reported (the command itself may have scrolled away).
        const lastLine = String(answer["output"]).trimEnd().split("\n").at(-1) ?? "";
        await expect.poll(async () => (await frameRows(frame)).join("\n")).toContain(lastLine.trimEnd());
        if (plan.milestone !== undefined) {
          await waitFor(page, (m) => m.type === "milestone" && m["id"] === plan.milestone);
        }
      });
    }
  }

  test("ignores messages that are not exactly a documented one, and messages not from the parent", async ({
    page,
    baseURL,
  }) => {
    const frame = await openHost(page, baseURL, "/en/embed/console/");
    await waitFor(page, (m) => m.type === "ready");
    const bad: unknown[] = [
      { source: "vmlab", version: 2, type: "run", command: "echo v2" },
      { source: "other", version: 1, type: "run", command: "echo other" },
      { source: "vmlab", version: 1, type: "eval", command: "echo eval" },
      { source: "vmlab", version: 1, type: "run", command: 42 },
      { source: "vmlab", version: 1, type: "run", command: ["echo array"] },
      { source: "vmlab", version: 1, type: "run", command: "echo ctl\x1b[A" },
      { source: "vmlab", version: 1, type: "run", command: "echo two\necho lines" },
      { source: "vmlab", version: 1, type: "run", command: `echo ${"x".repeat(5000)}` },
      { source: "vmlab", version: 1, type: "run", command: "echo extra", extra: 1 },
      { source: "vmlab", version: 1, type: "run", command: "echo id", id: "<script>" },
      "echo string",
      null,
    ];
    await page.evaluate((messages) => {
      for (const m of messages) (window as unknown as { send: (m: unknown) => void }).send(m);
    }, bad);
    // A message the embed posts to itself is not from its parent.
    await frame.evaluate(() =>
      window.postMessage({ source: "vmlab", version: 1, type: "run", command: "echo self" }, "*"),
    );
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({
        source: "vmlab",
        version: 1,
        type: "run",
        command: "echo valid",
      }),
    );
    await waitFor(page, (m) => m.type === "command" && m["command"] === "echo valid");
    const commands = (await received(page)).filter((m) => m.type === "command").map((m) => m["command"]);
    expect(commands).toEqual(["echo valid"]);
    const screen = (await frameRows(frame)).join("\n");
    for (const word of ["v2", "other", "eval", "array", "ctl", "lines", "extra", "self", "string"]) {
      expect(screen).not.toContain(`echo ${word}`);
    }
  });

  test("reset from the host brings the scenario back", async ({ page, baseURL }) => {
    const frame = await openHost(
      page,
      baseURL,
      `/en/embed/cgroup/?run=${run(["mkdir /sys/fs/cgroup/made"])}&autorun=1`,
    );
    await waitFor(page, (m) => m.type === "command" && m["command"] === "mkdir /sys/fs/cgroup/made");
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({
        source: "vmlab",
        version: 1,
        type: "reset",
      }),
    );
    await waitFor(page, (m) => m.type === "reset");
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({
        source: "vmlab",
        version: 1,
        type: "run",
        command: "ls /sys/fs/cgroup/made",
        id: "after",
      }),
    );
    const after = await waitFor(page, (m) => m["id"] === "after");
    expect(after["status"]).toBe(2);
    expect(await frameRows(frame)).not.toContain("root@lab:~# mkdir /sys/fs/cgroup/made");
  });

  test("Share inside the sandbox falls back to a selected field with a localized message", async ({
    page,
    baseURL,
  }) => {
    const frame = await openHost(page, baseURL, `/ko/embed/mmu/?run=${run(["mmu stats"])}&autorun=1`);
    await waitFor(page, (m) => m.type === "command");
    await frame.getByRole("button", { name: "링크 공유하기" }).click();
    const field = frame.getByLabel("이 세션을 그대로 다시 실행하는 링크");
    await expect(field).toBeVisible();
    const link = new URL(await field.inputValue());
    expect(link.pathname).toBe("/ko/embed/mmu/");
    expect(link.searchParams.get("run")).toBe(run(["mmu stats"]));
    await expect(frame.getByText("클립보드를 쓸 수 없습니다", { exact: false })).toBeVisible();
    await frame.getByRole("button", { name: "임베드하기" }).click();
    const snippet = await frame.getByLabel("다른 페이지에 이 콘솔을 넣는 HTML").inputValue();
    expect(snippet).toMatch(
      /^<iframe src="http:\/\/[^"]+\/ko\/embed\/mmu\/\?run=[A-Za-z0-9_-]+&amp;autorun=1" title="[^"]+"/,
    );
    expect(snippet).toContain('sandbox="allow-scripts"');
  });
});

test.describe("scenario links", () => {
  test("a link replays its commands and prints the same bytes as the simulator", async ({ page }) => {
    const commands = [
      "nproc",
      "mkdir /sys/fs/cgroup/a",
      `echo '한글 & "q" #h %41 +' > /tmp/t`,
      "cat /tmp/t",
      "cat /sys/fs/cgroup/a/cpu.max",
    ];
    await page.goto(`/en/embed/cgroup/?scenario=cgroup-1cpu&run=${run(commands)}&autorun=1`);
    const expected = await runTranscript(commands, { scenario: "cgroup-1cpu", lang: "en" });
    const lines = expected.flatMap((e) =>
      `${e.prompt}${e.command}\n${e.output}`.replace(/\n$/, "").split("\n"),
    );
    lines.push(expected[0]?.prompt.trimEnd() ?? "");
    await expect
      .poll(async () => (await terminalRows(page)).filter((r) => r !== ""))
      .toEqual(lines.filter((l) => l !== ""));
  });

  test("without autorun the page lists the commands and runs them on a click", async ({ page }) => {
    await page.goto(`/ko/embed/console/?run=${run(["echo '<b>굵게</b>'", "uname -r"])}`);
    const list = page.locator(".script li");
    await expect(list).toHaveText(["echo '<b>굵게</b>'", "uname -r"]);
    await expect(page.locator(".script b")).toHaveCount(0);
    await expect.poll(async () => (await terminalRows(page)).some((r) => /:~# $|:~#$/.test(r))).toBe(true);
    expect((await terminalRows(page)).join("\n")).not.toContain("uname");
    await page.getByRole("button", { name: "링크의 명령어 실행하기 (2개)" }).click();
    await expect.poll(async () => (await terminalRows(page)).join("\n")).toContain("<b>굵게</b>");
    await expect(list).toHaveCount(0);
  });

  test("Share on an article's console reproduces the reader's session", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/en/container-cpu-memory-limits/");
    await openConsole(page);
    await typeCommand(page, "echo 20000 > /sys/fs/cgroup/demo/cpu.max");
    await typeCommand(page, "cat /sys/fs/cgroup/demo/cpu.max");
    await expect.poll(async () => (await terminalRows(page)).join("\n")).toContain("20000 100000");
    await page.getByRole("button", { name: "Share link" }).first().click();
    await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(await page.getByLabel("Link that replays this session").inputValue()).toBe(link);
    const tail = async (): Promise<string[]> => (await terminalRows(page)).filter((r) => r !== "").slice(-4);
    await expect.poll(async () => (await tail()).at(-1)).toMatch(/# $|#$/);
    const before = await tail();
    expect(new URL(link).pathname).toBe("/en/embed/cgroup/");
    await page.getByRole("button", { name: "Embed", exact: true }).first().click();
    expect(await page.getByLabel("HTML to put this console in another page").inputValue()).toContain(
      `src="${link.replace(/&/g, "&amp;")}"`,
    );
    await expect(page.getByRole("link", { name: "Embedding guide" })).toHaveAttribute("href", "/en/embed/");
    await page.goto(link);
    await expect.poll(tail, { timeout: 20_000 }).toEqual(before);
  });
});

test.describe("bad parameters", () => {
  const cases: { name: string; query: string; lang: "en" | "ko"; message: RegExp }[] = [
    {
      name: "unknown scenario",
      query: `scenario=nope&run=${run(["touch /tmp/ran"])}&autorun=1`,
      lang: "en",
      message: /scenario this simulator does not have/,
    },
    {
      name: "markup in scenario",
      query: `scenario=${encodeURIComponent('<img src=x onerror="window.pwned=1">')}`,
      lang: "ko",
      message: /시나리오가 이 시뮬레이터에 없어/,
    },
    {
      name: "broken encoding",
      query: "run=%%%E0%A4&autorun=1",
      lang: "en",
      message: /not base64url-encoded UTF-8/,
    },
    { name: "invalid UTF-8", query: "run=wyg&autorun=1", lang: "ko", message: /UTF-8 텍스트가 아니어서/ },
    {
      name: "script over the cap",
      query: `run=${"QUFB".repeat(2200)}&autorun=1`,
      lang: "en",
      message: /longer than 8,192 characters/,
    },
    {
      name: "huge query",
      query: `run=${"A".repeat(12_000)}&autorun=1`,
      lang: "ko",
      message: /10,000자를 넘어/,
    },
    {
      name: "javascript: values",
      query: "theme=javascript:alert(1)&autorun=javascript:alert(1)",
      lang: "en",
      message: /theme= must be light or dark/,
    },
    {
      name: "control characters",
      query: `run=${btoa("echo a\tb").replace(/=+$/, "")}&autorun=1`,
      lang: "ko",
      message: /제어 문자/,
    },
  ];
  for (const c of cases) {
    test(`${c.name} (${c.lang}): a localized message, nothing runs, nothing is injected`, async ({
      page,
    }) => {
      page.on("dialog", (d) => {
        throw new Error(`dialog opened: ${d.message()}`);
      });
      await page.goto(`/${c.lang}/embed/console/?${c.query}`);
      await expect(page.getByRole("alert")).toContainText(c.message);
      await expect.poll(async () => (await terminalRows(page)).some((r) => /# ?$/.test(r))).toBe(true);
      expect((await terminalRows(page)).filter((r) => r !== "")).toEqual(["root@lab:~#"]);
      expect(await page.evaluate(() => "pwned" in window)).toBe(false);
      await expect(page.locator("img")).toHaveCount(0);
    });
  }
});

test.describe("embed pages", () => {
  for (const lang of ["en", "ko"] as const) {
    for (const sim of sims) {
      test(`${lang}/embed/${sim}/ passes axe, fits 320 px, follows ?theme=`, async ({ page }) => {
        await page.setViewportSize({ width: 320, height: 800 });
        await page.goto(`/${lang}/embed/${sim}/?theme=dark`);
        await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
        await expect(page.locator("figure.console")).toHaveAttribute("data-phase", "live", {
          timeout: 15_000,
        });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
        const results = await new AxeBuilder({ page }).analyze();
        expect(
          results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        ).toEqual([]);
        await page.setViewportSize({ width: 1024, height: 800 });
        await page.goto(`/${lang}/embed/${sim}/?theme=light`);
        await expect(page.locator("figure.console")).toHaveAttribute("data-phase", "live", {
          timeout: 15_000,
        });
        const light = await new AxeBuilder({ page }).analyze();
        expect(
          light.violations.map((v) => `light ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        ).toEqual([]);
      });
    }

    test(`${lang}/embed/ (the guide) passes axe and ships no script file`, async ({ page }) => {
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(r.url());
      });
      await page.goto(`/${lang}/embed/`);
      await expect(page.locator("h1")).toBeVisible();
      expect(scripts).toEqual([]);
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
    });
  }

  test("oEmbed: discovery on articles and embed pages, a rich JSON response readable cross-origin", async ({
    page,
    request,
  }) => {
    await page.goto("/ko/memory-virtualization-page-tables/");
    const href = await page
      .locator('link[rel="alternate"][type="application/json+oembed"]')
      .first()
      .getAttribute("href");
    expect(new URL(href ?? "").pathname).toBe("/ko/embed/mmu/oembed.json");
    await page.goto("/en/embed/io/");
    const own = await page.locator('link[type="application/json+oembed"]').getAttribute("href");
    expect(new URL(own ?? "").pathname).toBe("/en/embed/io/oembed.json");
    const response = await request.get("/ko/embed/mmu/oembed.json");
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    expect(response.headers()["content-type"]).toContain("application/json");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ version: "1.0", type: "rich", provider_name: "VM·컨테이너 실습실" });
    expect(body["html"]).toMatch(
      /^<iframe src="[^"]+\/ko\/embed\/mmu\/" title="[^"]+" width="\d+" height="\d+".* sandbox="allow-scripts"/,
    );
  });

  test("embed pages may be framed by any origin, other pages only by the site", async ({ request }) => {
    const embed = await request.get("/en/embed/cgroup/");
    expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
    const article = await request.get("/en/container-cpu-memory-limits/");
    expect(article.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  });
});

test("under a sub-path: the embed runs, Share and oEmbed keep the sub-path", async ({ page, baseURL }) => {
  // The sub-path build is served beside the main one (playwright.config.ts: port + 7, /courses/os/vm/).
  const site = new URL(baseURL ?? "http://127.0.0.1:4329");
  const origin = `${site.protocol}//${site.hostname}:${Number(site.port) + 7}`;
  await page.route(`${origin}/**`, (route) => route.continue());
  const base = `${origin}/courses/os/vm/`;
  await page.goto(`${base}en/embed/cgroup/?run=${run(["nproc"])}&autorun=1`);
  await expect.poll(async () => (await terminalRows(page)).join("\n")).toContain("nproc\n4");
  await page.getByRole("button", { name: "Share link" }).click();
  const link = new URL(await page.getByLabel("Link that replays this session").inputValue());
  expect(link.pathname).toBe("/courses/os/vm/en/embed/cgroup/");
  expect(link.searchParams.get("run")).toBe(run(["nproc"]));
  const oembed = await page.locator('link[type="application/json+oembed"]').getAttribute("href");
  expect(new URL(oembed ?? "").pathname).toBe("/courses/os/vm/en/embed/cgroup/oembed.json");
  const json = (await (await page.request.get(`${base}en/embed/cgroup/oembed.json`)).json()) as {
    html: string;
  };
  expect(json.html).toContain("/courses/os/vm/en/embed/cgroup/");
});
