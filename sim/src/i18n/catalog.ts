/**
 * The shell's messages. One key set, two languages; `{name}` placeholders are
 * filled by `format`. Kernel file contents, numbers and command names are never
 * translated. The Korean follows how Korean Linux users read these messages
 * (합니다체 for sentences, terse noun phrases where coreutils is terse).
 */
import type { Errno } from "../core/errno";

export type ShellLang = "en" | "ko";

const en = {
  // strerror(3): glibc's English text.
  "errno.EPERM": "Operation not permitted",
  "errno.ENOENT": "No such file or directory",
  "errno.ESRCH": "No such process",
  "errno.EINTR": "Interrupted system call",
  "errno.EIO": "Input/output error",
  "errno.ENXIO": "No such device or address",
  "errno.E2BIG": "Argument list too long",
  "errno.ENOEXEC": "Exec format error",
  "errno.EBADF": "Bad file descriptor",
  "errno.ECHILD": "No child processes",
  "errno.EAGAIN": "Resource temporarily unavailable",
  "errno.ENOMEM": "Cannot allocate memory",
  "errno.EACCES": "Permission denied",
  "errno.EFAULT": "Bad address",
  "errno.EBUSY": "Device or resource busy",
  "errno.EEXIST": "File exists",
  "errno.EXDEV": "Invalid cross-device link",
  "errno.ENODEV": "No such device",
  "errno.ENOTDIR": "Not a directory",
  "errno.EISDIR": "Is a directory",
  "errno.EINVAL": "Invalid argument",
  "errno.ENFILE": "Too many open files in system",
  "errno.EMFILE": "Too many open files",
  "errno.ENOTTY": "Inappropriate ioctl for device",
  "errno.EFBIG": "File too large",
  "errno.ENOSPC": "No space left on device",
  "errno.ESPIPE": "Illegal seek",
  "errno.EROFS": "Read-only file system",
  "errno.EPIPE": "Broken pipe",
  "errno.EDOM": "Numerical argument out of domain",
  "errno.ERANGE": "Numerical result out of range",
  "errno.ENAMETOOLONG": "File name too long",
  "errno.ENOSYS": "Function not implemented",
  "errno.ENOTEMPTY": "Directory not empty",
  "errno.ELOOP": "Too many levels of symbolic links",
  "errno.EOPNOTSUPP": "Operation not supported",

  "shell.notFound": "{name}: command not found",
  "shell.syntaxToken": "syntax error near unexpected token '{token}'",
  "shell.syntaxEof": "unexpected EOF while looking for matching '{token}'",
  "shell.syntaxEnd": "syntax error: unexpected end of file",
  "shell.tooDeep": "maximum nesting level exceeded",
  "shell.badSubst": "{word}: bad substitution",
  "shell.ambiguous": "{word}: ambiguous redirect",
  "shell.outputLimit":
    "[output of {name} stopped after {bytes} bytes: the console keeps each command's output bounded]",
  "shell.killed": "Killed",
  "shell.terminated": "Terminated",
  "shell.interrupted": "^C",
  "shell.writeError": "{name}: write error: {error}",
  "shell.notValidId": "{name}: '{word}': not a valid identifier",
  "shell.numericArg": "{name}: {word}: numeric argument required",
  "shell.tooManyArgs": "{name}: too many arguments",
  "shell.noSuchJob": "{name}: {job}: no such job",
  "shell.noCurrentJob": "{name}: current: no such job",
  "shell.jobRunning": "Running",
  "shell.jobDone": "Done",
  "shell.jobExit": "Exit {code}",
  "shell.jobKilled": "Killed",
  "shell.jobTerminated": "Terminated",
  "shell.jobInterrupted": "Interrupt",
  "shell.homeNotSet": "{name}: HOME not set",
  "shell.badOption": "{name}: {option}: invalid option",
  "shell.usageLine": "{name}: usage: {synopsis}",

  "cmd.invalidOption": "{name}: invalid option -- '{option}'",
  "cmd.unrecognizedOption": "{name}: unrecognized option '{option}'",
  "cmd.missingOperand": "{name}: missing operand",
  "cmd.missingOptionArg": "{name}: option requires an argument -- '{option}'",
  "cmd.tryHelp": "Try '{name} --help' for more information.",
  "cmd.fileError": "{name}: {path}: {error}",
  "cmd.cannotAccess": "{name}: cannot access '{path}': {error}",
  "cmd.cannotCreateDir": "{name}: cannot create directory '{path}': {error}",
  "cmd.cannotRemove": "{name}: cannot remove '{path}': {error}",
  "cmd.failedToRemove": "{name}: failed to remove '{path}': {error}",
  "cmd.cannotTouch": "{name}: cannot touch '{path}': {error}",
  "cmd.isDirectory": "{name}: {path}: Is a directory",
  "cmd.invalidNumber": "{name}: invalid number: '{value}'",
  "cmd.invalidTimeInterval": "{name}: invalid time interval '{value}'",
  "cmd.invalidRegex": "{name}: invalid regular expression: {value}",
  "cmd.noSuchProcess": "{name}: ({pid}) - No such process",
  "cmd.invalidSignal": "{name}: {value}: invalid signal specification",
  "cmd.argumentsMustBe": "{name}: arguments must be process or job IDs",
  "cmd.noManual": "No manual entry for {topic}",
  "cmd.notFoundWhich": "{name}: no {word} in ({path})",
  "cmd.typeNotFound": "{name}: {word}: not found",
  "cmd.typeBuiltin": "{word} is a shell builtin",
  "cmd.typeFile": "{word} is {path}",
  "cmd.extraOperand": "{name}: extra operand '{value}'",
  "cmd.printfMissing": "{name}: missing format",

  "help.intro":
    "A simulated Linux host running in this page. These commands are available; 'man NAME' or 'NAME --help' tells more.",
  "help.builtins": "Shell builtins",
  "help.commands": "Commands",
  "help.keys": "Keys: ←/→ move, ↑/↓ history, Tab completes, Ctrl-C interrupts, Ctrl-L clears the screen.",
  "man.name": "NAME",
  "man.synopsis": "SYNOPSIS",
  "man.description": "DESCRIPTION",
  "man.options": "OPTIONS",
  "man.seeAlso": "Simulated: output follows the Linux tool; options not listed here are not simulated.",
  "usage.prefix": "Usage:",
  "usage.options": "Options:",
} as const;

export type MessageKey = keyof typeof en;

const ko: Record<MessageKey, string> = {
  "errno.EPERM": "허용되지 않는 작업입니다",
  "errno.ENOENT": "그런 파일이나 디렉터리가 없습니다",
  "errno.ESRCH": "그런 프로세스가 없습니다",
  "errno.EINTR": "시스템 호출이 중단되었습니다",
  "errno.EIO": "입출력 오류",
  "errno.ENXIO": "그런 장치나 주소가 없습니다",
  "errno.E2BIG": "인수 목록이 너무 깁니다",
  "errno.ENOEXEC": "실행 형식 오류",
  "errno.EBADF": "잘못된 파일 디스크립터",
  "errno.ECHILD": "자식 프로세스가 없습니다",
  "errno.EAGAIN": "자원을 일시적으로 사용할 수 없습니다",
  "errno.ENOMEM": "메모리를 할당할 수 없습니다",
  "errno.EACCES": "권한이 없습니다",
  "errno.EFAULT": "잘못된 주소",
  "errno.EBUSY": "장치나 자원이 사용 중입니다",
  "errno.EEXIST": "파일이 이미 있습니다",
  "errno.EXDEV": "다른 장치 사이의 링크는 만들 수 없습니다",
  "errno.ENODEV": "그런 장치가 없습니다",
  "errno.ENOTDIR": "디렉터리가 아닙니다",
  "errno.EISDIR": "디렉터리입니다",
  "errno.EINVAL": "잘못된 인수",
  "errno.ENFILE": "시스템에 열린 파일이 너무 많습니다",
  "errno.EMFILE": "열린 파일이 너무 많습니다",
  "errno.ENOTTY": "장치에 맞지 않는 ioctl입니다",
  "errno.EFBIG": "파일이 너무 큽니다",
  "errno.ENOSPC": "장치에 남은 공간이 없습니다",
  "errno.ESPIPE": "탐색할 수 없는 파일입니다",
  "errno.EROFS": "읽기 전용 파일 시스템입니다",
  "errno.EPIPE": "파이프가 끊어졌습니다",
  "errno.EDOM": "수치 인수가 정의역을 벗어났습니다",
  "errno.ERANGE": "수치 결과가 범위를 벗어났습니다",
  "errno.ENAMETOOLONG": "파일 이름이 너무 깁니다",
  "errno.ENOSYS": "구현되지 않은 기능입니다",
  "errno.ENOTEMPTY": "디렉터리가 비어 있지 않습니다",
  "errno.ELOOP": "심볼릭 링크 단계가 너무 많습니다",
  "errno.EOPNOTSUPP": "지원하지 않는 작업입니다",

  "shell.notFound": "{name}: 명령어를 찾을 수 없습니다",
  "shell.syntaxToken": "예기치 않은 토큰 '{token}' 근처에서 문법 오류가 발생했습니다",
  "shell.syntaxEof": "짝이 맞는 '{token}'을(를) 찾다가 입력이 끝났습니다",
  "shell.syntaxEnd": "문법 오류: 예기치 않게 입력이 끝났습니다",
  "shell.tooDeep": "중첩 단계가 너무 깊습니다",
  "shell.badSubst": "{word}: 잘못된 치환입니다",
  "shell.ambiguous": "{word}: 리다이렉션 대상이 모호합니다",
  "shell.outputLimit":
    "[{name}의 출력이 {bytes}바이트에서 멈췄습니다: 콘솔은 명령어 하나의 출력량을 제한합니다]",
  "shell.killed": "죽었음",
  "shell.terminated": "종료됨",
  "shell.interrupted": "^C",
  "shell.writeError": "{name}: 쓰기 오류: {error}",
  "shell.notValidId": "{name}: '{word}': 올바른 식별자가 아닙니다",
  "shell.numericArg": "{name}: {word}: 숫자 인수가 필요합니다",
  "shell.tooManyArgs": "{name}: 인수가 너무 많습니다",
  "shell.noSuchJob": "{name}: {job}: 그런 작업이 없습니다",
  "shell.noCurrentJob": "{name}: 현재 작업이 없습니다",
  "shell.jobRunning": "실행 중",
  "shell.jobDone": "완료",
  "shell.jobExit": "종료 {code}",
  "shell.jobKilled": "죽었음",
  "shell.jobTerminated": "종료됨",
  "shell.jobInterrupted": "중단됨",
  "shell.homeNotSet": "{name}: HOME이 설정되지 않았습니다",
  "shell.badOption": "{name}: {option}: 잘못된 옵션입니다",
  "shell.usageLine": "{name}: 사용법: {synopsis}",

  "cmd.invalidOption": "{name}: 잘못된 옵션 -- '{option}'",
  "cmd.unrecognizedOption": "{name}: 알 수 없는 옵션 '{option}'",
  "cmd.missingOperand": "{name}: 피연산자가 없습니다",
  "cmd.missingOptionArg": "{name}: 옵션에 인수가 필요합니다 -- '{option}'",
  "cmd.tryHelp": "자세한 내용은 '{name} --help'를 실행해 보세요.",
  "cmd.fileError": "{name}: {path}: {error}",
  "cmd.cannotAccess": "{name}: '{path}'에 접근할 수 없습니다: {error}",
  "cmd.cannotCreateDir": "{name}: '{path}' 디렉터리를 만들 수 없습니다: {error}",
  "cmd.cannotRemove": "{name}: '{path}'을(를) 지울 수 없습니다: {error}",
  "cmd.failedToRemove": "{name}: '{path}'을(를) 지우지 못했습니다: {error}",
  "cmd.cannotTouch": "{name}: '{path}'에 touch할 수 없습니다: {error}",
  "cmd.isDirectory": "{name}: {path}: 디렉터리입니다",
  "cmd.invalidNumber": "{name}: 잘못된 숫자: '{value}'",
  "cmd.invalidTimeInterval": "{name}: 잘못된 시간 간격 '{value}'",
  "cmd.invalidRegex": "{name}: 잘못된 정규 표현식: {value}",
  "cmd.noSuchProcess": "{name}: ({pid}) - 그런 프로세스가 없습니다",
  "cmd.invalidSignal": "{name}: {value}: 잘못된 시그널 지정입니다",
  "cmd.argumentsMustBe": "{name}: 인수는 프로세스 ID나 작업 ID여야 합니다",
  "cmd.noManual": "{topic}에 대한 매뉴얼 항목이 없습니다",
  "cmd.notFoundWhich": "{name}: ({path})에 {word}이(가) 없습니다",
  "cmd.typeNotFound": "{name}: {word}: 찾을 수 없습니다",
  "cmd.typeBuiltin": "{word}은(는) 셸 내장 명령어입니다",
  "cmd.typeFile": "{word}은(는) {path}입니다",
  "cmd.extraOperand": "{name}: 불필요한 피연산자 '{value}'",
  "cmd.printfMissing": "{name}: 형식 문자열이 없습니다",

  "help.intro":
    "이 페이지 안에서 돌아가는 시뮬레이션 리눅스 호스트입니다. 아래 명령어를 쓸 수 있으며, 'man 이름'이나 '이름 --help'로 자세한 설명을 볼 수 있습니다.",
  "help.builtins": "셸 내장 명령어",
  "help.commands": "명령어",
  "help.keys": "키: ←/→ 커서 이동, ↑/↓ 이전 명령어, Tab 자동 완성, Ctrl-C 중단, Ctrl-L 화면 지우기.",
  "man.name": "이름",
  "man.synopsis": "사용법",
  "man.description": "설명",
  "man.options": "옵션",
  "man.seeAlso": "시뮬레이션: 출력은 리눅스 도구를 따르며, 여기 없는 옵션은 시뮬레이션하지 않습니다.",
  "usage.prefix": "사용법:",
  "usage.options": "옵션:",
};

export const catalogs: Record<ShellLang, Record<MessageKey, string>> = { en, ko };

export function format(
  lang: ShellLang,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

export function strerror(lang: ShellLang, errno: Errno): string {
  return catalogs[lang][`errno.${errno}`];
}

/** A localized text given in both languages at its definition (command descriptions, option help). */
export interface Localized {
  readonly en: string;
  readonly ko: string;
}

/**
 * A simulator's own messages live beside its commands as `{ en, ko }` pairs
 * (both required by the type); this fills their `{name}` placeholders.
 */
export function localize(
  lang: ShellLang,
  text: Localized,
  params: Record<string, string | number> = {},
): string {
  return text[lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
