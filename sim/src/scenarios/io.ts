import { defineScenario } from "../host/scenarios";
import { dd, sync } from "../shell/commands/io/guest";
import { hostIoCommands } from "../shell/commands/io/host";
import { ioState, mountTracing } from "../shell/commands/io/state";

export {
  ioEvents,
  ioMachineOf,
  ioState,
  type IoLabEvents,
  type RunningGuest,
} from "../shell/commands/io/state";

/**
 * The trapped disk I/O lab: a KVM host (/dev/kvm, ftrace under
 * /sys/kernel/tracing) with qemu-img, qemu-system-x86_64, kvm_stat, du,
 * hexdump and xxd; a raw and a qcow2 image of 64 MiB are ready in /root.
 */
export const ioScenario = defineScenario({
  name: "io",
  title: {
    en: "A KVM host with disk images (qemu-img, qemu-system-x86_64, kvm_stat)",
    ko: "디스크 이미지가 있는 KVM 호스트 (qemu-img, qemu-system-x86_64, kvm_stat)",
  },
  machine: { hostname: "kvmhost" },
  setup(host, registry) {
    ioState(host);
    // drivers/virt… misc device 10:232 (include/linux/miscdevice.h KVM_MINOR).
    host.vfs.install(
      "/dev/kvm",
      host.vfs.newDevice(
        "chardev",
        10,
        232,
        { read: () => new Uint8Array(0), write: () => undefined },
        0o660,
      ),
    );
    mountTracing(host);
    // dd and sync work on the host's own files too (no emulated disk there).
    registry.add(...hostIoCommands, dd, sync);
  },
  prelude: ["qemu-img create -q -f raw disk.raw 64M", "qemu-img create -q -f qcow2 disk.qcow2 64M"],
  milestones: [
    {
      id: "io.guest-booted",
      title: {
        en: "A guest VM booted with qemu-system-x86_64",
        ko: "qemu-system-x86_64로 게스트 VM을 부팅했습니다",
      },
    },
    {
      id: "io.dd-ide",
      title: {
        en: "A dd in the guest went through the emulated IDE disk",
        ko: "게스트에서 실행한 dd가 에뮬레이션 IDE 디스크를 거쳤습니다",
      },
    },
    {
      id: "io.dd-virtio",
      title: {
        en: "A dd in the guest went through virtio-blk",
        ko: "게스트에서 실행한 dd가 virtio-blk를 거쳤습니다",
      },
    },
    {
      id: "io.guest-poweroff",
      title: { en: "The guest powered off", ko: "게스트의 전원이 꺼졌습니다" },
    },
  ],
  watchMilestones(host, reach) {
    const events = ioState(host).events;
    const stops = [
      events.on("vm", (e) => reach(e.guest === undefined ? "io.guest-poweroff" : "io.guest-booted")),
      events.on("dd", (e) => reach(e.controller === "ide" ? "io.dd-ide" : "io.dd-virtio")),
    ];
    return () => stops.forEach((stop) => stop());
  },
});
