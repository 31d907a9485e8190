import { defineConfig } from "vitest/config";

// Unit and property tests: the sim package and the pure-TypeScript console pieces.
export default defineConfig({
  test: {
    include: ["sim/**/*.test.ts", "src/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
