// Every simulator's scenarios at once, for tests and build-time tools that need them synchronously.
import "./cgroup";
import "./mmu";
import "./io";
