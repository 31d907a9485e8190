import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download its browser here: use the system Chromium when present (an env var may override).
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const port = Number(process.env.E2E_PORT ?? 4329);
// The same site built under a course's sub-path (npm run build:subpath), served on its own port.
const subpathPort = port + 7;
const subpathBase = "/courses/os/vm/";

export default defineConfig({
  testDir: "tests",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  ...(process.env.CI ? { workers: 2 } : {}),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
    launchOptions: {
      ...(executablePath === undefined ? {} : { executablePath }),
      // The machine has no internet: keep Chromium from reaching out on its own.
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: "subpath.spec.ts", use: { ...devices["Desktop Chrome"] } },
    {
      name: "subpath",
      testMatch: "subpath.spec.ts",
      use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${subpathPort}${subpathBase}` },
    },
  ],
  // Serves the built site (npm run build first) as a static host would, with the build's _headers applied.
  webServer: [
    {
      command: "node tests/static-server.mjs",
      env: { E2E_PORT: String(port), DIST_DIR: process.env.DIST_DIR ?? "dist" },
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: "node tests/static-server.mjs",
      env: {
        E2E_PORT: String(subpathPort),
        DIST_DIR: process.env.SUBPATH_DIST_DIR ?? "dist-subpath",
        BASE_PATH: subpathBase,
      },
      url: `http://127.0.0.1:${subpathPort}${subpathBase}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
