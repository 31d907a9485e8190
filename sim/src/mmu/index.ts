export * from "./bits";
export * from "./memory";
export * from "./tlb";
export * from "./types";
export * from "./mmu";
export * from "./format";
export * from "./workload";
