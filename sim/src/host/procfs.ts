import type { Host } from "./host";
import type { DirProvider, Node } from "./vfs";
import type { SimProcess } from "./process";

/**
 * /proc as fs/proc builds it: one directory per pid plus system-wide files.
 * Formats follow Documentation/filesystems/proc.rst and the fs/proc/*.c
 * show functions; values come from the host's models.
 */
export function procFiles(host: Host): DirProvider {
  const v = (): Host["vfs"] => host.vfs;
  const cache = new Map<string, Node>();
  const once = (name: string, make: () => Node): Node => {
    let node = cache.get(name);
    if (node === undefined) {
      node = make();
      cache.set(name, node);
    }
    return node;
  };
  const staticNames = [
    "cpuinfo",
    "meminfo",
    "uptime",
    "loadavg",
    "version",
    "self",
    "sys",
    "filesystems",
    "mounts",
  ];
  const extraFiles = new Map<string, () => Node>();

  const provider: DirProvider & { register(name: string, make: () => Node): void } = {
    list() {
      return [...host.processes.list().map((p) => String(p.pid)), ...staticNames, ...extraFiles.keys()];
    },
    lookup(name) {
      if (/^[1-9][0-9]*$/.test(name)) {
        const proc = host.processes.get(Number(name));
        return proc === undefined ? undefined : pidDir(host, proc);
      }
      switch (name) {
        case "cpuinfo":
          return once(name, () => v().newGenerated(() => cpuinfo(host)));
        case "meminfo":
          return once(name, () => v().newGenerated(() => meminfo(host)));
        case "uptime":
          return once(name, () =>
            v().newGenerated(() => {
              const s = host.clock.nowUs / 1e6;
              return `${s.toFixed(2)} ${(s * host.config.cpus).toFixed(2)}\n`;
            }),
          );
        case "loadavg":
          return once(name, () =>
            v().newGenerated(
              () =>
                `0.00 0.00 0.00 1/${host.processes.list().length} ${host.processes.list().at(-1)?.pid ?? 1}\n`,
            ),
          );
        case "version":
          return once(name, () =>
            v().newGenerated(
              () =>
                `Linux version ${host.config.kernelRelease} (builder@vmlab) (gcc (Debian 14.2.0-19) 14.2.0, GNU ld (GNU Binutils for Debian) 2.44) ${host.config.kernelVersion}\n`,
            ),
          );
        case "filesystems":
          return once(name, () =>
            v().newGenerated(
              () => "nodev\tsysfs\nnodev\tproc\nnodev\ttmpfs\nnodev\tcgroup2\nnodev\ttracefs\n\text4\n",
            ),
          );
        case "mounts":
          return once(name, () => v().newGenerated(() => mounts()));
        case "self":
          return once(name, () => v().newSymlink(() => String(host.currentPid)));
        case "sys":
          return once(name, () => v().newDir(0o555, sysProvider(host)));
        default:
          return extraFiles.get(name)?.();
      }
    },
    register(name, make) {
      extraFiles.set(name, () => once(name, make));
    },
  };
  return provider;
}

function mounts(): string {
  return [
    "/dev/sda1 / ext4 rw,relatime 0 0",
    "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
    "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0",
    "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0",
    "tracefs /sys/kernel/tracing tracefs rw,nosuid,nodev,noexec,relatime 0 0",
    "tmpfs /tmp tmpfs rw,nosuid,nodev 0 0",
    "",
  ].join("\n");
}

/** /proc/sys: a tree of sysctl files. Models register theirs with `registerSysctl`. */
export const sysctlRegistry = new WeakMap<
  Host,
  Map<string, { read(): string; write?(text: string): void }>
>();

export function registerSysctl(
  host: Host,
  path: string,
  file: { read(): string; write?(text: string): void },
): void {
  let map = sysctlRegistry.get(host);
  if (map === undefined) {
    map = new Map();
    sysctlRegistry.set(host, map);
  }
  map.set(path, file);
}

function sysProvider(host: Host, prefix = ""): DirProvider {
  const entries = (): Map<string, { read(): string; write?(text: string): void }> => {
    const builtIn = new Map<string, { read(): string; write?(text: string): void }>([
      ["kernel/hostname", { read: () => `${host.config.hostname}\n` }],
      ["kernel/osrelease", { read: () => `${host.config.kernelRelease}\n` }],
      ["kernel/ostype", { read: () => "Linux\n" }],
      ["kernel/pid_max", { read: () => "4194304\n" }],
    ]);
    for (const [k, f] of sysctlRegistry.get(host) ?? []) builtIn.set(k, f);
    return builtIn;
  };
  const nodes = new Map<string, Node>();
  return {
    list() {
      const names = new Set<string>();
      for (const key of entries().keys()) {
        if (!key.startsWith(prefix)) continue;
        names.add(key.slice(prefix.length).split("/")[0]!);
      }
      return [...names];
    },
    lookup(name) {
      const path = prefix + name;
      const cached = nodes.get(path);
      if (cached !== undefined) return cached;
      const all = entries();
      const file = all.get(path);
      let node: Node | undefined;
      if (file !== undefined) {
        node = host.vfs.newGenerated(
          () => file.read(),
          file.write === undefined ? undefined : (text) => file.write?.(text),
        );
      } else if ([...all.keys()].some((k) => k.startsWith(path + "/"))) {
        node = host.vfs.newDir(0o555, sysProvider(host, path + "/"));
      }
      if (node !== undefined) nodes.set(path, node);
      return node;
    },
  };
}

function pidDir(host: Host, proc: SimProcess): Node {
  const v = host.vfs;
  const dir = v.newDir(0o555);
  dir.children.set(
    "status",
    v.newGenerated(() => status(host, proc)),
  );
  dir.children.set(
    "cgroup",
    v.newGenerated(() => `0::/${proc.cgroup}\n`),
  );
  dir.children.set(
    "comm",
    v.newGenerated(() => `${proc.comm}\n`),
  );
  // cmdline: arguments separated (and ended) by NUL bytes.
  dir.children.set(
    "cmdline",
    v.newGenerated(() => proc.args.map((a) => `${a}\0`).join("")),
  );
  dir.children.set(
    "stat",
    v.newGenerated(() => stat(proc)),
  );
  return dir;
}

function status(host: Host, proc: SimProcess): string {
  const stateNames = { R: "R (running)", S: "S (sleeping)", D: "D (disk sleep)", Z: "Z (zombie)" };
  const rssKb = Math.floor(proc.rssBytes / 1024);
  const cpus = host.config.cpus;
  return [
    `Name:\t${proc.comm}`,
    "Umask:\t0022",
    `State:\t${stateNames[proc.state]}`,
    `Tgid:\t${proc.pid}`,
    "Ngid:\t0",
    `Pid:\t${proc.pid}`,
    `PPid:\t${proc.ppid}`,
    "TracerPid:\t0",
    "Uid:\t0\t0\t0\t0",
    "Gid:\t0\t0\t0\t0",
    "FDSize:\t64",
    "Groups:\t0 ",
    // Namespace IDs, one per nested PID namespace (proc(5)); the host has only the initial one.
    `NStgid:\t${proc.pid}`,
    `NSpid:\t${proc.pid}`,
    `NSpgid:\t${proc.pid}`,
    `NSsid:\t${proc.ppid <= 1 ? proc.pid : proc.ppid}`,
    `VmPeak:\t${String(rssKb + 8192).padStart(8)} kB`,
    `VmSize:\t${String(rssKb + 8192).padStart(8)} kB`,
    `VmRSS:\t${String(rssKb).padStart(8)} kB`,
    `RssAnon:\t${String(rssKb).padStart(8)} kB`,
    `Threads:\t${proc.threads}`,
    // root on the host: every capability up to CAP_LAST_CAP (40, CAP_CHECKPOINT_RESTORE), no seccomp filter.
    "CapInh:\t0000000000000000",
    "CapPrm:\t000001ffffffffff",
    "CapEff:\t000001ffffffffff",
    "CapBnd:\t000001ffffffffff",
    "CapAmb:\t0000000000000000",
    "NoNewPrivs:\t0",
    "Seccomp:\t0",
    "Seccomp_filters:\t0",
    `Cpus_allowed_list:\t${cpus === 1 ? "0" : `0-${cpus - 1}`}`,
    "voluntary_ctxt_switches:\t0",
    "nonvoluntary_ctxt_switches:\t0",
    "",
  ].join("\n");
}

/** fs/proc/array.c do_task_stat(): the first fields, times in clock ticks (USER_HZ = 100). */
function stat(proc: SimProcess): string {
  const ticks = Math.floor(proc.cpuUs / 10_000);
  const start = Math.floor(proc.startUs / 10_000);
  const fields = [
    proc.pid,
    `(${proc.comm})`,
    proc.state,
    proc.ppid,
    proc.pid,
    proc.pid,
    0,
    -1,
    4194304,
    0,
    0,
    0,
    0,
  ];
  fields.push(ticks, 0, 0, 0, 20, 0, proc.threads, 0, start, 0, Math.floor(proc.rssBytes / 4096));
  return `${fields.join(" ")}\n`;
}

function cpuinfo(host: Host): string {
  const n = host.config.cpus;
  const baseFlags =
    "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc nopl xtopology cpuid pni pclmulqdq vmx ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch invpcid_single ssbd ibrs ibpb stibp tpr_shadow flexpriority ept vpid ept_ad fsgsbase bmi1 avx2 smep bmi2 erms invpcid avx512f rdseed adx smap clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 xsaves la57 arat umip pku md_clear flush_l1d arch_capabilities";
  // Bare metal shows VT-x (vmx, ept…); a guest shows the `hypervisor` bit CPUID sets for it instead.
  const flags =
    host.config.guest === true
      ? baseFlags.replace(/ (vmx|tpr_shadow|flexpriority|ept|vpid|ept_ad)\b/g, "")
      : baseFlags.replace(" hypervisor", "");
  const blocks: string[] = [];
  for (let i = 0; i < n; i++) {
    blocks.push(
      [
        `processor\t: ${i}`,
        "vendor_id\t: GenuineIntel",
        "cpu family\t: 6",
        "model\t\t: 106",
        `model name\t: ${host.config.cpuModel}`,
        "stepping\t: 6",
        `cpu MHz\t\t: ${host.config.cpuMhz.toFixed(3)}`,
        "cache size\t: 36864 KB",
        "physical id\t: 0",
        `siblings\t: ${n}`,
        `core id\t\t: ${i}`,
        `cpu cores\t: ${n}`,
        `apicid\t\t: ${i}`,
        `initial apicid\t: ${i}`,
        "fpu\t\t: yes",
        "fpu_exception\t: yes",
        "cpuid level\t: 27",
        "wp\t\t: yes",
        `flags\t\t: ${flags}`,
        `bogomips\t: ${(host.config.cpuMhz * 2).toFixed(2)}`,
        "clflush size\t: 64",
        "cache_alignment\t: 64",
        "address sizes\t: 46 bits physical, 57 bits virtual",
        "power management:",
        "",
      ].join("\n"),
    );
  }
  return blocks.join("\n") + "\n";
}

/** fs/proc/meminfo.c: values in kB, the label padded to 16 columns. */
function meminfo(host: Host): string {
  const totalKb = Math.floor(host.config.memoryBytes / 1024);
  let usedKb = 0;
  for (const p of host.processes.list()) usedKb += Math.floor(p.rssBytes / 1024);
  const baseKb = 262_144; // kernel, page cache and services at rest
  const freeKb = Math.max(0, totalKb - baseKb - usedKb);
  const row = (label: string, kb: number): string => `${`${label}:`.padEnd(16)}${String(kb).padStart(8)} kB`;
  return [
    row("MemTotal", totalKb),
    row("MemFree", freeKb),
    row("MemAvailable", freeKb + 131_072),
    row("Buffers", 8_192),
    row("Cached", 131_072),
    row("SwapCached", 0),
    row("Active", 98_304 + usedKb),
    row("Inactive", 65_536),
    row("SwapTotal", 0),
    row("SwapFree", 0),
    row("AnonPages", usedKb + 32_768),
    row("Shmem", 1_024),
    row("PageTables", 2_048),
    "HugePages_Total:       0",
    "HugePages_Free:        0",
    row("Hugepagesize", 2048),
    "",
  ].join("\n");
}
