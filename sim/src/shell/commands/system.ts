import type { CommandSpec } from "../command";
import { getopt } from "../getopt";
import { formatOption } from "../usage";
import { strerror } from "../../i18n/catalog";

export const uname: CommandSpec = {
  name: "uname",
  synopsis: "uname [OPTION]...",
  summary: { en: "Print system information.", ko: "시스템 정보를 출력합니다." },
  options: [
    { flags: "-a, --all", help: { en: "print all information", ko: "모든 정보를 출력" } },
    { flags: "-s, --kernel-name", help: { en: "print the kernel name", ko: "커널 이름을 출력" } },
    {
      flags: "-n, --nodename",
      help: { en: "print the network node hostname", ko: "네트워크 노드의 호스트 이름을 출력" },
    },
    { flags: "-r, --kernel-release", help: { en: "print the kernel release", ko: "커널 릴리스를 출력" } },
    { flags: "-v, --kernel-version", help: { en: "print the kernel version", ko: "커널 버전을 출력" } },
    {
      flags: "-m, --machine",
      help: { en: "print the machine hardware name", ko: "머신 하드웨어 이름을 출력" },
    },
    { flags: "-o, --operating-system", help: { en: "print the operating system", ko: "운영체제를 출력" } },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, {
      flags: "asnrvmpio",
      long: {
        all: { key: "a" },
        "kernel-name": { key: "s" },
        nodename: { key: "n" },
        "kernel-release": { key: "r" },
        "kernel-version": { key: "v" },
        machine: { key: "m" },
        processor: { key: "p" },
        "hardware-platform": { key: "i" },
        "operating-system": { key: "o" },
      },
    });
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length > 0) {
      await ctx.stderr.write(
        `${ctx.t("cmd.extraOperand", { name: "uname", value: parsed.operands[0]! })}\n${ctx.t("cmd.tryHelp", { name: "uname" })}\n`,
      );
      return 1;
    }
    const c = ctx.host.config;
    const o = parsed.opts;
    const all = o.has("a");
    // GNU uname -a omits -p and -i when they are "unknown"; on x86-64 Debian they print x86_64 and are omitted by -a.
    const fields: [string, string][] = [
      ["s", "Linux"],
      ["n", c.hostname],
      ["r", c.kernelRelease],
      ["v", c.kernelVersion],
      ["m", "x86_64"],
      ["p", "unknown"],
      ["i", "unknown"],
      ["o", "GNU/Linux"],
    ];
    const none = o.size === 0;
    const out = fields
      .filter(([k]) => (none ? k === "s" : all ? k !== "p" && k !== "i" : o.has(k)))
      .map(([, v]) => v);
    await ctx.stdout.write(`${out.join(" ")}\n`);
    return 0;
  },
};

export const nproc: CommandSpec = {
  name: "nproc",
  synopsis: "nproc [OPTION]...",
  summary: {
    en: "Print the number of processing units available.",
    ko: "사용할 수 있는 처리 장치(CPU) 수를 출력합니다.",
  },
  options: [
    {
      flags: "--all",
      help: { en: "print the number of installed processors", ko: "설치된 프로세서 수를 출력" },
    },
    {
      flags: "--ignore=N",
      help: { en: "if possible, exclude N processing units", ko: "가능하면 N개를 빼고 출력" },
    },
  ],
  async run(ctx) {
    const parsed = await getopt(ctx, { long: { all: { key: "all" }, ignore: { key: "ignore", arg: true } } });
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length > 0) {
      await ctx.stderr.write(
        `${ctx.t("cmd.extraOperand", { name: "nproc", value: parsed.operands[0]! })}\n${ctx.t("cmd.tryHelp", { name: "nproc" })}\n`,
      );
      return 1;
    }
    const ignore = parsed.opts.get("ignore")?.at(-1);
    let n = ctx.host.config.cpus;
    if (ignore !== undefined) {
      if (!/^[0-9]+$/.test(ignore)) {
        await ctx.stderr.write(`${ctx.t("cmd.invalidNumber", { name: "nproc", value: ignore })}\n`);
        return 1;
      }
      n = Math.max(1, n - Number(ignore));
    }
    await ctx.stdout.write(`${n}\n`);
    return 0;
  },
};

export const hostname: CommandSpec = {
  name: "hostname",
  synopsis: "hostname",
  summary: { en: "Show the system's host name.", ko: "시스템의 호스트 이름을 보여 줍니다." },
  dir: "/usr/bin",
  async run(ctx) {
    await ctx.stdout.write(`${ctx.host.config.hostname}\n`);
    return 0;
  },
};

export const whoami: CommandSpec = {
  name: "whoami",
  synopsis: "whoami",
  summary: { en: "Print the user name of the current user.", ko: "현재 사용자 이름을 출력합니다." },
  async run(ctx) {
    await ctx.stdout.write(`${ctx.shell.user}\n`);
    return 0;
  },
};

export const env: CommandSpec = {
  name: "env",
  synopsis: "env [NAME=VALUE]... [COMMAND [ARG]...]",
  summary: {
    en: "Print the environment, or run a command in a modified environment.",
    ko: "환경 변수를 출력하거나, 바꾼 환경에서 명령어를 실행합니다.",
  },
  async run(ctx) {
    const args = ctx.argv.slice(1);
    const vars = new Map(ctx.env);
    while (args.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0]!)) {
      const a = args.shift()!;
      const eq = a.indexOf("=");
      vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    if (args.length > 0) {
      const spec = ctx.shell.registry.get(args[0]!);
      if (spec === undefined || spec.builtin === true) {
        await ctx.stderr.write(`env: '${args[0]!}': ${strerror(ctx.lang, "ENOENT")}\n`);
        return 127;
      }
      return spec.run({ ...ctx, argv: args, env: vars });
    }
    await ctx.stdout.write([...vars].map(([k, v]) => `${k}=${v}\n`).join(""));
    return 0;
  },
};

export const which: CommandSpec = {
  name: "which",
  synopsis: "which COMMAND...",
  summary: { en: "Locate a command.", ko: "명령어의 위치를 찾습니다." },
  async run(ctx) {
    let status = 0;
    const names = ctx.argv.slice(1).filter((a) => a !== "-a");
    if (names.length === 0) return 1;
    for (const name of names) {
      const spec = ctx.shell.registry.get(name);
      if (spec === undefined || spec.builtin === true) {
        status = 1;
        continue;
      }
      await ctx.stdout.write(`${spec.dir ?? "/usr/bin"}/${name}\n`);
    }
    return status;
  },
};

export const yes: CommandSpec = {
  name: "yes",
  synopsis: "yes [STRING]...",
  summary: {
    en: "Output a string repeatedly until killed.",
    ko: "중단될 때까지 문자열을 반복해서 출력합니다.",
  },
  async run(ctx) {
    const line = `${ctx.argv.length > 1 ? ctx.argv.slice(1).join(" ") : "y"}\n`;
    // Write in pipe-sized chunks, as GNU yes fills a buffer; the write fails on Ctrl-C, EPIPE or the output bound.
    const chunk = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
    for (;;) await ctx.stdout.write(chunk);
  },
};

export const man: CommandSpec = {
  name: "man",
  synopsis: "man COMMAND",
  summary: {
    en: "Show the manual page of a command of this console.",
    ko: "이 콘솔 명령어의 매뉴얼 페이지를 보여 줍니다.",
  },
  async run(ctx) {
    const topic = ctx.argv.filter((a, i) => i > 0 && !/^[0-9]$/.test(a))[0];
    if (topic === undefined) {
      await ctx.stderr.write(`${ctx.t("cmd.manWhat")}\n`);
      return 1;
    }
    const spec = ctx.shell.registry.get(topic);
    if (spec === undefined) {
      await ctx.stderr.write(`${ctx.t("cmd.noManual", { topic })}\n`);
      return 16;
    }
    const lang = ctx.lang;
    const section = spec.builtin === true ? "1 bash" : "1";
    const header = `${spec.name.toUpperCase()}(${section.split(" ")[0]!})`;
    const lines = [
      `${header}${" ".repeat(Math.max(1, 60 - header.length * 2))}${header}`,
      "",
      ctx.t("man.name"),
      `       ${spec.name} - ${spec.summary[lang]}`,
      "",
      ctx.t("man.synopsis"),
      `       ${spec.synopsis}`,
      "",
      ctx.t("man.description"),
      `       ${(spec.description ?? spec.summary)[lang]}`,
    ];
    if (spec.options !== undefined && spec.options.length > 0) {
      lines.push("", ctx.t("man.options"));
      for (const opt of spec.options) lines.push(formatOption(`     ${opt.flags}`, opt.help[lang]));
    }
    lines.push("", `       ${ctx.t("man.seeAlso")}`, "");
    await ctx.stdout.write(lines.join("\n"));
    return 0;
  },
};
