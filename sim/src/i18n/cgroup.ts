import type { Localized } from "./catalog";

/** Messages of the cgroup simulator's commands (stress-ng, cgexec, dd, taskset, top, docker…). */
export const cgroupMessages = {
  noModel: {
    en: "{name}: cgroup v2 is not mounted on this host (use the cgroup scenario)",
    ko: "{name}: 이 호스트에는 cgroup v2가 마운트되어 있지 않습니다 (cgroup 시나리오를 쓰십시오)",
  },
  badValue: {
    en: "{name}: invalid value for {option}: '{value}'",
    ko: "{name}: {option}의 값이 잘못되었습니다: '{value}'",
  },
  stressNoWorkers: { en: "No stress workers invoked", ko: "No stress workers invoked" },
  cgexecUsage: {
    en: "Usage: cgexec [-h] [-g <controllers>:<path>] [--sticky] command [arguments] ...",
    ko: "사용법: cgexec [-h] [-g <컨트롤러>:<경로>] [--sticky] 명령 [인수] ...",
  },
  cgexecFailed: {
    en: "cgroup change of group failed",
    ko: "cgroup 그룹 변경에 실패했습니다",
  },
  commandNotFound: {
    en: "{name}: {cmd}: No such file or directory",
    ko: "{name}: {cmd}: 그런 파일이나 디렉터리가 없습니다",
  },
  ddBadOperand: { en: "dd: unrecognized operand '{value}'", ko: "dd: 인식할 수 없는 피연산자 '{value}'" },
  ddBadNumber: { en: "dd: invalid number: '{value}'", ko: "dd: 잘못된 숫자: '{value}'" },
  ddBadFlag: { en: "dd: invalid input flag: '{value}'", ko: "dd: 잘못된 입력 플래그: '{value}'" },
  ddBadOFlag: { en: "dd: invalid output flag: '{value}'", ko: "dd: 잘못된 출력 플래그: '{value}'" },
  ddOpen: { en: "dd: failed to open '{path}': {error}", ko: "dd: '{path}'을(를) 열지 못했습니다: {error}" },
  ddSummaryIn: { en: "{full}+{partial} records in", ko: "{full}+{partial} 레코드 들어옴" },
  ddSummaryOut: { en: "{full}+{partial} records out", ko: "{full}+{partial} 레코드 나감" },
  ddCopied: {
    en: "{bytes} bytes ({si}, {iec}) copied, {secs} s, {rate}",
    ko: "{bytes} 바이트 ({si}, {iec}) 복사됨, {secs} s, {rate}",
  },
  tasksetUsage: {
    en: "Usage: taskset [options] [mask | cpu-list] [pid|cmd [args...]]",
    ko: "사용법: taskset [옵션] [마스크 | CPU 목록] [pid|명령 [인수...]]",
  },
  tasksetBadList: {
    en: "taskset: failed to parse CPU list: {value}",
    ko: "taskset: CPU 목록을 해석하지 못했습니다: {value}",
  },
  tasksetBadPid: {
    en: "taskset: failed to parse pid: {value}",
    ko: "taskset: pid를 해석하지 못했습니다: {value}",
  },
  tasksetGet: { en: "pid {pid}'s current affinity list: {list}", ko: "pid {pid}의 현재 선호도 목록: {list}" },
  tasksetSet: { en: "pid {pid}'s new affinity list: {list}", ko: "pid {pid}의 새 선호도 목록: {list}" },
  tasksetFailed: {
    en: "taskset: failed to set pid {pid}'s affinity: {error}",
    ko: "taskset: pid {pid}의 선호도를 설정하지 못했습니다: {error}",
  },
  batchOnly: {
    en: "{name}: only batch mode is simulated: use {name} -b -n 1",
    ko: "{name}: 배치 모드만 시뮬레이션합니다: {name} -b -n 1을 쓰십시오",
  },
  dockerUsage: {
    en: "Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]",
    ko: "사용법:  docker run [옵션] 이미지 [명령] [인수...]",
  },
  dockerUnknownCommand: {
    en: "docker: unknown command: docker {cmd}",
    ko: "docker: 알 수 없는 명령: docker {cmd}",
  },
  dockerBadFlag: { en: "unknown flag: {flag}", ko: "알 수 없는 플래그: {flag}" },
  dockerBadValue: {
    en: 'invalid argument "{value}" for "{flag}" flag: {reason}',
    ko: '"{flag}" 플래그의 인수 "{value}"이(가) 잘못되었습니다: {reason}',
  },
  dockerCpusRange: {
    en: "docker: Error response from daemon: Range of CPUs is from 0.01 to {max}.00, as there are only {max} CPUs available.",
    ko: "docker: 데몬의 오류 응답: CPU 범위는 0.01부터 {max}.00까지입니다. 사용 가능한 CPU가 {max}개뿐입니다.",
  },
  dockerMemoryMin: {
    en: "docker: Error response from daemon: Minimum memory limit allowed is 6MB.",
    ko: "docker: 데몬의 오류 응답: 허용되는 최소 메모리 제한은 6MB입니다.",
  },
  dockerNoImage: {
    en: "\"docker run\" requires at least 1 argument.\nSee 'docker run --help'.",
    ko: "\"docker run\"에는 인수가 적어도 하나 필요합니다.\n'docker run --help'를 보십시오.",
  },
  dockerExec: {
    en: 'docker: Error response from daemon: failed to create task for container: exec: "{cmd}": executable file not found in $PATH',
    ko: 'docker: 데몬의 오류 응답: 컨테이너의 작업을 만들지 못했습니다: exec: "{cmd}": $PATH에서 실행 파일을 찾을 수 없습니다',
  },
  dockerBadDevice: {
    en: 'docker: Error response from daemon: error gathering device information while adding custom device "{dev}": no such file or directory.',
    ko: 'docker: 데몬의 오류 응답: 사용자 지정 장치 "{dev}"를 추가하는 중 장치 정보를 얻지 못했습니다: 그런 파일이나 디렉터리가 없습니다.',
  },
} satisfies Record<string, Localized>;
