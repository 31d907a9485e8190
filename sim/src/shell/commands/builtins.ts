import { isSysError } from "../../core/errno";
import { strerror } from "../../i18n/catalog";
import { signalByNumber, signals } from "../../host/process";
import type { CommandContext, CommandSpec } from "../command";

/** The shell's own builtins (bash(1) "SHELL BUILTIN COMMANDS"): they act on the shell's state. */

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const cd: CommandSpec = {
  name: "cd",
  synopsis: "cd [DIR]",
  summary: { en: "Change the shell working directory.", ko: "셸의 작업 디렉터리를 바꿉니다." },
  builtin: true,
  async run(ctx) {
    const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && a === "--"));
    if (args.length > 1) {
      await ctx.stderr.write(`bash: ${ctx.t("shell.tooManyArgs", { name: "cd" })}\n`);
      return 1;
    }
    let target = args[0];
    if (target === undefined) {
      target = ctx.shell.getVar("HOME");
      if (target === undefined) {
        await ctx.stderr.write(`bash: ${ctx.t("shell.homeNotSet", { name: "cd" })}\n`);
        return 1;
      }
    }
    if (target === "-") {
      target = ctx.shell.getVar("OLDPWD") ?? ctx.cwd;
      await ctx.stdout.write(`${target}\n`);
    }
    try {
      const node = ctx.fs.lookup(target, ctx.shell.cwd);
      if (node.kind !== "dir") throw Object.assign(new Error(), { errno: "ENOTDIR" });
      const path = ctx.fs.realpath(target, ctx.shell.cwd);
      ctx.shell.setVar("OLDPWD", ctx.shell.cwd);
      ctx.shell.setCwd(path);
      return 0;
    } catch (e) {
      const errno = isSysError(e) ? e.errno : "ENOTDIR";
      await ctx.stderr.write(`bash: cd: ${target}: ${strerror(ctx.lang, errno)}\n`);
      return 1;
    }
  },
};

export const pwd: CommandSpec = {
  name: "pwd",
  synopsis: "pwd",
  summary: {
    en: "Print the name of the current working directory.",
    ko: "현재 작업 디렉터리의 이름을 출력합니다.",
  },
  builtin: true,
  async run(ctx) {
    await ctx.stdout.write(`${ctx.shell.cwd}\n`);
    return 0;
  },
};

export const exportCmd: CommandSpec = {
  name: "export",
  synopsis: "export [NAME[=VALUE]]...",
  summary: { en: "Set export attribute for shell variables.", ko: "셸 변수를 환경 변수로 내보냅니다." },
  builtin: true,
  async run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== "-n" && a !== "--");
    if (args.length === 0 || (args.length === 1 && args[0] === "-p")) {
      const env = [...ctx.shell.exportedEnv()].sort(([a], [b]) => (a < b ? -1 : 1));
      await ctx.stdout.write(
        env.map(([k, v]) => `declare -x ${k}="${v.replace(/(["\\$`])/g, "\\$1")}"\n`).join(""),
      );
      return 0;
    }
    let status = 0;
    for (const arg of args) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!identifier.test(name)) {
        await ctx.stderr.write(`bash: ${ctx.t("shell.notValidId", { name: "export", word: arg })}\n`);
        status = 1;
        continue;
      }
      if (eq >= 0) ctx.shell.setVar(name, arg.slice(eq + 1), true);
      else ctx.shell.exportVar(name);
    }
    return status;
  },
};

export const unset: CommandSpec = {
  name: "unset",
  synopsis: "unset [NAME]...",
  summary: { en: "Unset values and attributes of shell variables.", ko: "셸 변수를 지웁니다." },
  builtin: true,
  async run(ctx) {
    let status = 0;
    for (const name of ctx.argv.slice(1).filter((a) => a !== "-v")) {
      if (!identifier.test(name)) {
        await ctx.stderr.write(`bash: ${ctx.t("shell.notValidId", { name: "unset", word: name })}\n`);
        status = 1;
        continue;
      }
      ctx.shell.unsetVar(name);
    }
    return status;
  },
};

export const trueCmd: CommandSpec = {
  name: "true",
  synopsis: "true",
  summary: { en: "Return a successful result.", ko: "성공(0)을 반환합니다." },
  builtin: true,
  noHelpOption: true,
  run: () => Promise.resolve(0),
};

export const falseCmd: CommandSpec = {
  name: "false",
  synopsis: "false",
  summary: { en: "Return an unsuccessful result.", ko: "실패(1)를 반환합니다." },
  builtin: true,
  noHelpOption: true,
  run: () => Promise.resolve(1),
};

export const history: CommandSpec = {
  name: "history",
  synopsis: "history [N | -c]",
  summary: { en: "Display or clear the command history.", ko: "명령어 기록을 보여 주거나 지웁니다." },
  options: [{ flags: "-c", help: { en: "clear the history list", ko: "기록을 모두 지움" } }],
  builtin: true,
  async run(ctx) {
    const arg = ctx.argv[1];
    const list = ctx.shell.history;
    if (arg === "-c") {
      list.length = 0;
      return 0;
    }
    let count = list.length;
    if (arg !== undefined) {
      if (!/^[0-9]+$/.test(arg)) {
        await ctx.stderr.write(`bash: ${ctx.t("shell.numericArg", { name: "history", word: arg })}\n`);
        return 1;
      }
      count = Math.min(Number(arg), list.length);
    }
    const start = list.length - count;
    const width = 5;
    await ctx.stdout.write(
      list
        .slice(start)
        .map((line, i) => `${String(start + i + 1).padStart(width)}  ${line}\n`)
        .join(""),
    );
    return 0;
  },
};

export const clear: CommandSpec = {
  name: "clear",
  synopsis: "clear",
  summary: { en: "Clear the terminal screen.", ko: "터미널 화면을 지웁니다." },
  dir: "/usr/bin",
  async run(ctx) {
    // ncurses clear: home the cursor, erase the screen and the scrollback (E3).
    if (ctx.stdout.isTerminal) await ctx.stdout.write("\x1b[H\x1b[2J\x1b[3J");
    else await ctx.stdout.write("\x1b[H\x1b[2J\x1b[3J");
    return 0;
  },
};

export const reset: CommandSpec = {
  name: "reset",
  synopsis: "reset",
  summary: {
    en: "Reset the terminal, and bring this simulated host back to its scenario's starting state.",
    ko: "터미널을 초기화하고, 시뮬레이션 호스트를 시나리오의 처음 상태로 되돌립니다.",
  },
  dir: "/usr/bin",
  async run(ctx) {
    await ctx.stdout.write("\x1b[H\x1b[2J\x1b[3J");
    ctx.shell.reset();
    return 0;
  },
};

export const exit: CommandSpec = {
  name: "exit",
  synopsis: "exit [N]",
  summary: {
    en: "Exit the shell (in a guest VM, return to the host).",
    ko: "셸을 끝냅니다 (게스트 VM에서는 호스트로 돌아갑니다).",
  },
  builtin: true,
  async run(ctx) {
    const arg = ctx.argv[1];
    if (arg !== undefined && !/^-?[0-9]+$/.test(arg)) {
      await ctx.stderr.write(`bash: ${ctx.t("shell.numericArg", { name: "exit", word: arg })}\n`);
      return 2;
    }
    const status = arg === undefined ? ctx.shell.lastStatus : Number(arg) & 0xff;
    ctx.shell.requestExit(status);
    return status;
  },
};

export const jobs: CommandSpec = {
  name: "jobs",
  synopsis: "jobs [-l]",
  summary: { en: "Display status of jobs.", ko: "작업 상태를 보여 줍니다." },
  options: [{ flags: "-l", help: { en: "also list process IDs", ko: "프로세스 ID도 표시" } }],
  builtin: true,
  async run(ctx) {
    const showPids = ctx.argv.includes("-l");
    const current = ctx.shell.currentJobId();
    const lines: string[] = [];
    for (const job of ctx.shell.jobs.values()) {
      const line = ctx.shell.formatJob(job, job.id === current);
      lines.push(showPids ? line.replace(/^(\[\d+\][+ -]) /, `$1 ${job.pids.at(-1) ?? ""} `) : line);
      // Reported now, so bash does not notify it again before the next prompt.
      if (job.state === "done") ctx.shell.jobs.delete(job.id);
    }
    await ctx.stdout.write(lines.map((l) => `${l}\n`).join(""));
    return 0;
  },
};

export const fg: CommandSpec = {
  name: "fg",
  synopsis: "fg [JOB_SPEC]",
  summary: { en: "Move a job to the foreground.", ko: "작업을 포그라운드로 가져옵니다." },
  builtin: true,
  async run(ctx) {
    const spec = ctx.argv[1] ?? "%+";
    const job = ctx.shell.findJob(spec.startsWith("%") ? spec : `%${spec}`);
    if (job === undefined) {
      await ctx.stderr.write(
        `bash: ${ctx.argv[1] === undefined ? ctx.t("shell.noCurrentJob", { name: "fg" }) : ctx.t("shell.noSuchJob", { name: "fg", job: spec })}\n`,
      );
      return 1;
    }
    await ctx.stdout.write(`${job.line}\n`);
    return ctx.shell.waitForJob(job, ctx.signal);
  },
};

export const wait: CommandSpec = {
  name: "wait",
  synopsis: "wait [ID]...",
  summary: {
    en: "Wait for jobs to finish (simulated time runs while you wait).",
    ko: "작업이 끝날 때까지 기다립니다 (기다리는 동안 시뮬레이션 시간이 흐릅니다).",
  },
  builtin: true,
  async run(ctx) {
    const ids = ctx.argv.slice(1);
    if (ids.length === 0) {
      for (const job of [...ctx.shell.jobs.values()]) {
        await ctx.shell.waitForJob(job, ctx.signal);
        if (ctx.signal.aborted) return 128 + signals.INT;
      }
      return 0;
    }
    let status = 0;
    for (const id of ids) {
      const job = id.startsWith("%")
        ? ctx.shell.findJob(id)
        : [...ctx.shell.jobs.values()].find((j) => j.pids.includes(Number(id)));
      if (job === undefined) {
        if (!id.startsWith("%") && !/^[0-9]+$/.test(id)) {
          await ctx.stderr.write(`bash: ${ctx.t("cmd.waitNotJobSpec", { name: "wait", word: id })}\n`);
          status = 2;
        } else {
          await ctx.stderr.write(
            `bash: ${id.startsWith("%") ? ctx.t("shell.noSuchJob", { name: "wait", job: id }) : ctx.t("cmd.waitNotChild", { name: "wait", pid: id })}\n`,
          );
          status = 127;
        }
        continue;
      }
      status = await ctx.shell.waitForJob(job, ctx.signal);
    }
    return status;
  },
};

export const kill: CommandSpec = {
  name: "kill",
  synopsis: "kill [-s SIGSPEC | -SIGNUM | -SIGSPEC] PID | JOBSPEC ... or kill -l",
  summary: { en: "Send a signal to a process or job.", ko: "프로세스나 작업에 시그널을 보냅니다." },
  options: [
    { flags: "-l", help: { en: "list signal names", ko: "시그널 이름 목록" } },
    { flags: "-s SIG", help: { en: "signal to send (default TERM)", ko: "보낼 시그널 (기본값 TERM)" } },
  ],
  builtin: true,
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === "-l" || args[0] === "-L") {
      const names = Object.entries(signals).sort((a, b) => a[1] - b[1]);
      await ctx.stdout.write(names.map(([n, v]) => `${String(v).padStart(2)}) SIG${n}`).join("\t") + "\n");
      return 0;
    }
    let signal: number = signals.TERM;
    if (args[0] === "-s" || args[0] === "-n") {
      args.shift();
      const parsed = parseSignal(args.shift() ?? "");
      if (parsed === undefined) return badSignal(ctx, ctx.argv[2] ?? "");
      signal = parsed;
    } else if (args[0]?.startsWith("-") === true && args[0] !== "--") {
      const parsed = parseSignal(args[0].slice(1));
      if (parsed === undefined) return badSignal(ctx, args[0].slice(1));
      signal = parsed;
      args.shift();
    }
    if (args[0] === "--") args.shift();
    if (args.length === 0) {
      await ctx.stderr.write(
        `bash: ${ctx.t("shell.usageLine", { name: "kill", synopsis: "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]" })}\n`,
      );
      return 2;
    }
    let status = 0;
    for (const target of args) {
      if (target.startsWith("%")) {
        const job = ctx.shell.findJob(target);
        if (job === undefined) {
          await ctx.stderr.write(`bash: ${ctx.t("shell.noSuchJob", { name: "kill", job: target })}\n`);
          status = 1;
          continue;
        }
        for (const pid of job.pids) ctx.host.processes.kill(pid, signal);
        job.controller.abort(signal);
        continue;
      }
      if (!/^-?[0-9]+$/.test(target)) {
        await ctx.stderr.write(`bash: ${ctx.t("cmd.argumentsMustBe", { name: "kill" })}\n`);
        status = 1;
        continue;
      }
      const pid = Number(target);
      if (pid === ctx.shell.pid && (signal === signals.TERM || signal === signals.INT)) continue; // bash ignores these
      if (!ctx.host.processes.kill(pid, signal)) {
        await ctx.stderr.write(`bash: kill: (${pid}) - ${strerror(ctx.lang, "ESRCH")}\n`);
        status = 1;
        continue;
      }
      for (const job of ctx.shell.jobs.values())
        if (job.pids.includes(pid) && job.pids.length === 1) job.controller.abort(signal);
    }
    return status;
  },
};

function parseSignal(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) {
    const n = Number(text);
    return n === 0 || signalByNumber(n) !== undefined ? n : undefined;
  }
  const name = text.toUpperCase().replace(/^SIG/, "") as keyof typeof signals;
  return signals[name];
}

async function badSignal(ctx: CommandContext, text: string): Promise<number> {
  await ctx.stderr.write(`bash: ${ctx.t("cmd.invalidSignal", { name: "kill", value: text })}\n`);
  return 1;
}

export const type: CommandSpec = {
  name: "type",
  synopsis: "type NAME...",
  summary: { en: "Display information about command type.", ko: "명령어가 어떤 종류인지 보여 줍니다." },
  builtin: true,
  async run(ctx) {
    let status = 0;
    for (const name of ctx.argv.slice(1)) {
      const spec = ctx.shell.registry.get(name);
      if (spec === undefined) {
        await ctx.stderr.write(`bash: ${ctx.t("cmd.typeNotFound", { name: "type", word: name })}\n`);
        status = 1;
      } else if (spec.builtin === true) {
        await ctx.stdout.write(`${ctx.t("cmd.typeBuiltin", { word: name })}\n`);
      } else {
        await ctx.stdout.write(
          `${ctx.t("cmd.typeFile", { word: name, path: `${spec.dir ?? "/usr/bin"}/${name}` })}\n`,
        );
      }
    }
    return status;
  },
};

export const help: CommandSpec = {
  name: "help",
  synopsis: "help [COMMAND]",
  summary: {
    en: "List the commands of this console, or describe one.",
    ko: "이 콘솔의 명령어 목록을 보여 주거나 하나를 설명합니다.",
  },
  builtin: true,
  async run(ctx) {
    const topic = ctx.argv[1];
    if (topic !== undefined) {
      const spec = ctx.shell.registry.get(topic);
      if (spec === undefined) {
        await ctx.stderr.write(`bash: ${ctx.t("cmd.helpNoTopic", { name: "help", topic })}\n`);
        return 1;
      }
      await ctx.stdout.write(`${spec.name}: ${spec.synopsis}\n    ${spec.summary[ctx.lang]}\n`);
      return 0;
    }
    const specs = ctx.shell.registry.all();
    const width = Math.max(...specs.map((s) => s.name.length)) + 2;
    const section = (builtin: boolean): string =>
      specs
        .filter((s) => (s.builtin === true) === builtin)
        .map((s) => `  ${s.name.padEnd(width)}${s.summary[ctx.lang]}`)
        .join("\n");
    await ctx.stdout.write(
      [
        ctx.t("help.intro"),
        "",
        `${ctx.t("help.builtins")}:`,
        section(true),
        "",
        `${ctx.t("help.commands")}:`,
        section(false),
        "",
        ctx.t("help.keys"),
        "",
      ].join("\n"),
    );
    return 0;
  },
};
