export * from "./clock";
export * from "./pacer";
export * from "./rng";
export * from "./errno";
export * from "./events";
export * from "./units";
export * from "./bytes";
