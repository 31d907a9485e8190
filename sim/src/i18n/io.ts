/**
 * Messages of the trapped disk I/O lab. QEMU, qemu-img, kvm_stat and the
 * kernel print English whatever the locale, so their texts stay in the
 * commands; what is here is what coreutils/util-linux translate under
 * ko_KR.UTF-8 and the simulator's own notes.
 */
import type { Localized } from "./catalog";

export const ioMessages = {
  // GNU dd (coreutils ko.po translates the record counts, not the byte line).
  ddRecordsIn: { en: "{full}+{partial} records in", ko: "{full}+{partial} 레코드 들어옴" },
  ddRecordsOut: { en: "{full}+{partial} records out", ko: "{full}+{partial} 레코드 나감" },
  ddUnrecognized: { en: "dd: unrecognized operand '{value}'", ko: "dd: 알 수 없는 피연산자 '{value}'" },
  ddInvalidNumber: { en: "dd: invalid number: '{value}'", ko: "dd: 잘못된 숫자: '{value}'" },
  ddInvalidIflag: { en: "dd: invalid input flag: '{value}'", ko: "dd: 잘못된 입력 플래그: '{value}'" },
  ddInvalidOflag: { en: "dd: invalid output flag: '{value}'", ko: "dd: 잘못된 출력 플래그: '{value}'" },
  ddInvalidStatus: { en: "dd: invalid status level: '{value}'", ko: "dd: 잘못된 상태 수준: '{value}'" },
  ddFailedOpen: {
    en: "dd: failed to open '{path}': {error}",
    ko: "dd: '{path}'을(를) 열 수 없습니다: {error}",
  },
  ddErrorWriting: { en: "dd: error writing '{path}': {error}", ko: "dd: '{path}'에 쓰는 중 오류: {error}" },
  ddErrorReading: {
    en: "dd: error reading '{path}': {error}",
    ko: "dd: '{path}'을(를) 읽는 중 오류: {error}",
  },
  ddMemory: {
    en: "dd: memory exhausted by input buffer of size {bytes} bytes ({human})",
    ko: "dd: 크기 {bytes}바이트({human})의 입력 버퍼로 메모리가 바닥났습니다",
  },
  // util-linux hexdump.
  hexdumpAllFailed: {
    en: "hexdump: all input file arguments failed",
    ko: "hexdump: 입력 파일 인수가 모두 실패했습니다",
  },
  hexdumpBadOffset: {
    en: "hexdump: failed to parse offset: '{value}'",
    ko: "hexdump: 오프셋을 해석하지 못했습니다: '{value}'",
  },
  hexdumpBadLength: {
    en: "hexdump: failed to parse length: '{value}'",
    ko: "hexdump: 길이를 해석하지 못했습니다: '{value}'",
  },
  // The simulator's own notes, where the model stops short of the real tool.
  kvmStatTui: {
    en: "kvm_stat: the interactive display is not simulated here; use kvm_stat -1 (batch mode)",
    ko: "kvm_stat: 대화형 화면은 이 시뮬레이터에 없습니다. kvm_stat -1(일괄 모드)을 사용하세요",
  },
  qemuNeedsKvm: {
    en: "qemu-system-x86_64: this lab simulates KVM only; add -enable-kvm (TCG is not modelled)",
    ko: "qemu-system-x86_64: 이 실습은 KVM만 시뮬레이션합니다. -enable-kvm을 붙이세요 (TCG는 모델에 없습니다)",
  },
  qemuNeedsDrive: {
    en: "qemu-system-x86_64: this lab boots the guest with one disk; give -drive file=IMAGE,format=raw|qcow2,if=ide|virtio",
    ko: "qemu-system-x86_64: 이 실습의 게스트는 디스크 하나로 부팅합니다. -drive file=이미지,format=raw|qcow2,if=ide|virtio를 지정하세요",
  },
  qemuOneDrive: {
    en: "qemu-system-x86_64: this lab models one disk per guest; give a single -drive",
    ko: "qemu-system-x86_64: 이 실습은 게스트마다 디스크 하나만 모델링합니다. -drive는 하나만 지정하세요",
  },
  qemuBusNotModelled: {
    en: "qemu-system-x86_64: -drive {spec}: if={bus} is a real QEMU bus, but this lab models only if=ide and if=virtio",
    ko: "qemu-system-x86_64: -drive {spec}: if={bus}는 실제 QEMU에 있는 버스지만 이 실습은 if=ide와 if=virtio만 모델링합니다",
  },
  qemuRunning: {
    en: "qemu-system-x86_64: a guest is already running on this host",
    ko: "qemu-system-x86_64: 이 호스트에서 이미 게스트가 실행 중입니다",
  },
} satisfies Record<string, Localized>;
