import { defineScenarioLoader } from "../host/scenarios";

// Each simulator's scenarios load on demand: a console fetches only the models it runs.
defineScenarioLoader(["cgroup", "cgroup-1cpu"], () => import("./cgroup"));
defineScenarioLoader(["mmu"], () => import("./mmu"));
defineScenarioLoader(["io"], () => import("./io"));
