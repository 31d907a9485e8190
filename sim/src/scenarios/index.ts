// Every simulator registers its named scenarios by importing its module here.
import "./cgroup";
import "./mmu";
import "./io";
