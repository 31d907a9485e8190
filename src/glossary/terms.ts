/**
 * The series' one term list: the Korean term every article uses, its English
 * original, a one-line definition in both languages, and the article that
 * explains it. The glossary page is generated from it, and a test checks that
 * the Korean articles use these terms and not their listed variants.
 */
export interface Term {
  readonly id: string;
  readonly en: string;
  readonly ko: string;
  /** Korean spellings the series does not use for this term. */
  readonly avoid?: readonly string[];
  readonly definition: { readonly en: string; readonly ko: string };
  /** Slug of the article that explains the term. */
  readonly article: string;
}

export const terms: readonly Term[] = [
  {
    id: "virtual-machine",
    en: "virtual machine (VM)",
    ko: "가상 머신",
    avoid: ["가상머신", "가상 기계"],
    definition: {
      en: "A complete computer simulated by a hypervisor: virtual CPUs, memory and devices that run their own kernel.",
      ko: "하이퍼바이저가 만들어 내는 완전한 컴퓨터로, 가상 CPU와 메모리, 장치를 갖추고 자체 커널을 실행합니다.",
    },
    article: "docker-on-physical-or-virtual-machine",
  },
  {
    id: "container",
    en: "container",
    ko: "컨테이너",
    definition: {
      en: "A group of ordinary processes that the host kernel isolates with namespaces and limits with cgroups.",
      ko: "호스트 커널이 네임스페이스로 격리하고 cgroup으로 자원을 제한하는 일반 프로세스의 묶음입니다.",
    },
    article: "docker-on-physical-or-virtual-machine",
  },
  {
    id: "hypervisor",
    en: "hypervisor",
    ko: "하이퍼바이저",
    definition: {
      en: "Software that runs virtual machines and keeps control of the hardware while their code runs.",
      ko: "가상 머신을 실행하면서, 게스트 코드가 도는 동안에도 하드웨어의 통제권을 계속 쥐고 있는 소프트웨어입니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "host-guest",
    en: "host / guest",
    ko: "호스트 / 게스트",
    definition: {
      en: "The machine and kernel that run the hypervisor, and the system that runs inside a virtual machine.",
      ko: "호스트는 하이퍼바이저를 실행하는 머신과 커널이고, 게스트는 가상 머신 안에서 돌아가는 시스템입니다.",
    },
    article: "docker-on-physical-or-virtual-machine",
  },
  {
    id: "kernel",
    en: "kernel",
    ko: "커널",
    definition: {
      en: "The part of the operating system that runs in the CPU's privileged mode and serves processes through system calls.",
      ko: "CPU의 특권 모드에서 실행되며 시스템 호출로 프로세스에 서비스를 제공하는 운영체제의 핵심부입니다.",
    },
    article: "docker-on-physical-or-virtual-machine",
  },
  {
    id: "trap-and-emulate",
    en: "trap-and-emulate",
    ko: "트랩 앤 에뮬레이트",
    avoid: ["트랩 후 에뮬레이션"],
    definition: {
      en: "Running guest code directly and letting every sensitive instruction fault into the hypervisor, which performs it on the guest's behalf.",
      ko: "게스트 코드를 직접 실행하다가 민감한 명령어가 하이퍼바이저로 트랩되면, 하이퍼바이저가 게스트 대신 그 동작을 수행하는 방식입니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "vm-exit",
    en: "VM exit",
    ko: "VM 종료",
    definition: {
      en: "The CPU leaving the guest for the hypervisor (VMX root mode), with an exit reason saying why.",
      ko: "CPU가 게스트 실행을 멈추고 VMX 루트 모드의 하이퍼바이저로 넘어가는 일로, 그 이유를 나타내는 종료 사유가 함께 기록됩니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "vmcs",
    en: "VMCS (virtual-machine control structure)",
    ko: "VMCS",
    definition: {
      en: "The in-memory structure that holds a vCPU's guest and host state and the controls that decide which events cause VM exits.",
      ko: "vCPU의 게스트 상태와 호스트 상태, 그리고 어떤 이벤트가 VM 종료를 일으킬지 정하는 제어 필드를 담은 메모리 내 자료 구조입니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "kvm",
    en: "KVM",
    ko: "KVM",
    definition: {
      en: "The Linux kernel module that turns the kernel into a hypervisor, driven from user space through /dev/kvm.",
      ko: "리눅스 커널을 하이퍼바이저로 만들어 주는 커널 모듈로, 사용자 공간 프로그램이 /dev/kvm을 통해 제어합니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "qemu",
    en: "QEMU",
    ko: "QEMU",
    definition: {
      en: "The user-space program that emulates a machine's devices and, with KVM, runs the guest's CPUs at native speed.",
      ko: "머신의 장치를 에뮬레이션하는 사용자 공간 프로그램으로, KVM과 함께 쓰면 게스트 CPU를 네이티브 속도로 실행합니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "paravirtualization",
    en: "paravirtualization",
    ko: "반가상화",
    avoid: ["파라가상화"],
    definition: {
      en: "Changing the guest to call the hypervisor directly instead of executing instructions that would have to be trapped.",
      ko: "게스트를 수정해, 트랩되어야 할 명령어를 실행하는 대신 하이퍼바이저를 직접 호출하게 하는 방식입니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "page-table",
    en: "page table",
    ko: "페이지 테이블",
    avoid: ["페이지테이블"],
    definition: {
      en: "The tree of entries the MMU walks to translate a virtual address into a physical one, with access rights at each level.",
      ko: "MMU가 가상 주소를 물리 주소로 변환할 때 단계별로 따라가는 엔트리 트리로, 각 엔트리에는 접근 권한도 들어 있습니다.",
    },
    article: "memory-virtualization-page-tables",
  },
  {
    id: "page-walk",
    en: "page walk",
    ko: "페이지 워크",
    definition: {
      en: "The MMU reading one page-table entry per level until it finds the translation or a fault.",
      ko: "MMU가 변환 결과를 얻거나 폴트가 날 때까지 단계마다 페이지 테이블 엔트리를 하나씩 읽어 내려가는 과정입니다.",
    },
    article: "memory-virtualization-page-tables",
  },
  {
    id: "tlb",
    en: "TLB (translation lookaside buffer)",
    ko: "TLB",
    definition: {
      en: "The CPU's cache of recent address translations, which spares most accesses a page walk.",
      ko: "최근 주소 변환 결과를 담아 두는 CPU 안의 캐시로, 대부분의 메모리 접근이 페이지 워크 없이 끝나게 해 줍니다.",
    },
    article: "memory-virtualization-page-tables",
  },
  {
    id: "shadow-page-table",
    en: "shadow page table",
    ko: "섀도 페이지 테이블",
    avoid: ["섀도우 페이지 테이블", "그림자 페이지 테이블"],
    definition: {
      en: "A table the hypervisor builds that maps guest virtual addresses straight to host physical ones, kept in step with the guest's tables by trapping their changes.",
      ko: "게스트 가상 주소를 호스트 물리 주소로 바로 매핑하도록 하이퍼바이저가 만드는 테이블로, 게스트 페이지 테이블의 변경을 트랩해 동기화합니다.",
    },
    article: "memory-virtualization-page-tables",
  },
  {
    id: "nested-paging",
    en: "nested paging (EPT, NPT)",
    ko: "중첩 페이징",
    definition: {
      en: "Hardware that walks the guest's page tables and a second, hypervisor-owned table in one two-dimensional walk.",
      ko: "게스트의 페이지 테이블과 하이퍼바이저가 관리하는 두 번째 테이블을 한 번의 2차원 워크로 함께 따라가는 하드웨어 기능입니다.",
    },
    article: "memory-virtualization-page-tables",
  },
  {
    id: "ept-violation",
    en: "EPT violation",
    ko: "EPT 위반",
    definition: {
      en: "A VM exit (reason 48) raised when a guest-physical access is not allowed by the EPT entries.",
      ko: "게스트 물리 주소 접근을 EPT 엔트리가 허용하지 않을 때 일어나는 VM 종료로, 종료 사유 번호는 48입니다.",
    },
    article: "memory-virtualization-page-tables",
  },
  {
    id: "device-model",
    en: "device model",
    ko: "장치 모델",
    definition: {
      en: "The code (in QEMU, in user space) that answers a guest's register accesses exactly as the real device would.",
      ko: "게스트의 레지스터 접근에 실제 장치와 똑같이 응답하는 코드로, 사용자 공간의 QEMU 안에 있습니다.",
    },
    article: "disk-io-virtualization",
  },
  {
    id: "virtio",
    en: "virtio",
    ko: "virtio",
    definition: {
      en: "A standard for paravirtual devices: guest and host exchange requests through shared-memory rings instead of register-by-register emulation.",
      ko: "반가상화 장치의 표준으로, 레지스터를 하나하나 에뮬레이션하는 대신 게스트와 호스트가 공유 메모리의 링으로 요청을 주고받습니다.",
    },
    article: "disk-io-virtualization",
  },
  {
    id: "virtqueue",
    en: "virtqueue",
    ko: "가상 큐",
    definition: {
      en: "A virtio queue in guest memory; in the split layout, a descriptor table plus available and used rings.",
      ko: "게스트 메모리에 있는 virtio의 큐로, split 방식에서는 디스크립터 테이블과 available 링, used 링으로 이루어집니다.",
    },
    article: "disk-io-virtualization",
  },
  {
    id: "qcow2",
    en: "qcow2",
    ko: "qcow2",
    definition: {
      en: "QEMU's copy-on-write image format, which allocates 64 KiB clusters in the host file only when the guest first writes them.",
      ko: "QEMU의 쓰기 시 복사 이미지 형식으로, 게스트가 처음 쓰는 시점에야 호스트 파일에 64KiB 클러스터를 할당합니다.",
    },
    article: "disk-io-virtualization",
  },
  {
    id: "namespace",
    en: "namespace",
    ko: "네임스페이스",
    definition: {
      en: "A kernel feature that gives a group of processes their own view of one global resource (process IDs, mounts, network, host name…).",
      ko: "프로세스 ID, 마운트, 네트워크, 호스트 이름 같은 전역 자원 하나를 프로세스 묶음마다 따로 가진 것처럼 보이게 하는 커널 기능입니다.",
    },
    article: "linux-namespaces",
  },
  {
    id: "pid-1",
    en: "PID 1 (init)",
    ko: "PID 1",
    definition: {
      en: "The first process of a PID namespace: it adopts orphans, and signals from inside the namespace that it has no handler for are ignored.",
      ko: "PID 네임스페이스의 첫 프로세스로, 고아 프로세스의 새 부모가 되며, 네임스페이스 안에서 온 시그널 가운데 핸들러를 등록하지 않은 것은 무시됩니다.",
    },
    article: "linux-namespaces",
  },
  {
    id: "user-namespace",
    en: "user namespace",
    ko: "사용자 네임스페이스",
    definition: {
      en: "A namespace that maps user and group IDs, so a process can be root inside it and unprivileged outside.",
      ko: "사용자 ID와 그룹 ID를 매핑하는 네임스페이스로, 프로세스가 안에서는 root이고 밖에서는 일반 사용자일 수 있게 합니다.",
    },
    article: "linux-namespaces",
  },
  {
    id: "cgroup",
    en: "cgroup (control group)",
    ko: "cgroup",
    definition: {
      en: "A kernel mechanism that groups processes in a hierarchy and accounts and limits their CPU, memory and I/O.",
      ko: "프로세스를 계층 구조로 묶어 CPU, 메모리, I/O 사용량을 집계하고 제한하는 커널 기능입니다.",
    },
    article: "container-cpu-memory-limits",
  },
  {
    id: "throttling",
    en: "throttling",
    ko: "스로틀링",
    avoid: ["쓰로틀링"],
    definition: {
      en: "Keeping a cgroup's threads off the CPU until the next period once its CPU quota is used up.",
      ko: "cgroup이 CPU 할당량을 다 쓰면 다음 주기가 시작될 때까지 그 cgroup의 스레드를 실행하지 않는 것입니다.",
    },
    article: "container-cpu-memory-limits",
  },
  {
    id: "quota-period",
    en: "quota / period",
    ko: "할당량 / 주기",
    definition: {
      en: "The two numbers of cpu.max: how much CPU time a group may use in each period.",
      ko: "cpu.max의 두 값으로, 주기마다 그룹이 쓸 수 있는 CPU 시간을 정합니다.",
    },
    article: "container-cpu-memory-limits",
  },
  {
    id: "oom-killer",
    en: "OOM killer",
    ko: "OOM 킬러",
    definition: {
      en: "The kernel code that kills a process when memory cannot be reclaimed: system-wide, or inside the cgroup whose memory.max was hit.",
      ko: "메모리를 회수할 수 없을 때 프로세스를 죽이는 커널 코드로, 시스템 전체에서 또는 memory.max 한도에 닿은 cgroup 안에서 대상을 고릅니다.",
    },
    article: "container-cpu-memory-limits",
  },
  {
    id: "image",
    en: "image",
    ko: "이미지",
    definition: {
      en: "A container's file system and configuration, stored as a manifest, a config and content-addressed layers.",
      ko: "컨테이너의 파일 시스템과 설정을 담은 것으로, 매니페스트, 설정(config), 콘텐츠 주소로 찾는 계층으로 저장됩니다.",
    },
    article: "container-images-overlayfs",
  },
  {
    id: "layer",
    en: "layer",
    ko: "계층",
    avoid: ["레이어"],
    definition: {
      en: "One archive of file changes in an image; layers are stacked to form the container's file system.",
      ko: "이미지를 이루는 파일 변경분 아카이브 하나로, 계층을 겹쳐 쌓아 컨테이너의 파일 시스템을 만듭니다.",
    },
    article: "container-images-overlayfs",
  },
  {
    id: "overlayfs",
    en: "overlayfs",
    ko: "overlayfs",
    definition: {
      en: "The Linux union file system that shows read-only lower directories and a writable upper one as a single merged tree.",
      ko: "읽기 전용인 하위 디렉터리 여러 개와 쓰기 가능한 상위 디렉터리 하나를 합쳐 하나의 트리로 보여 주는 리눅스 유니언 파일 시스템입니다.",
    },
    article: "container-images-overlayfs",
  },
  {
    id: "copy-up",
    en: "copy-up",
    ko: "카피업",
    definition: {
      en: "overlayfs copying a whole file from a lower layer to the upper one before its first modification.",
      ko: "하위 계층의 파일이 처음 수정되기 전에 overlayfs가 그 파일 전체를 상위 계층으로 복사하는 일입니다.",
    },
    article: "container-images-overlayfs",
  },
  {
    id: "whiteout",
    en: "whiteout",
    ko: "화이트아웃",
    definition: {
      en: "A special entry in an upper layer that hides a file of a lower layer, so deleting it does not shrink the image.",
      ko: "하위 계층의 파일을 가리는 상위 계층의 특수 항목으로, 파일을 지우면 이 항목만 추가되므로 이미지 크기는 줄지 않습니다.",
    },
    article: "container-images-overlayfs",
  },
  {
    id: "microvm",
    en: "microVM",
    ko: "마이크로VM",
    definition: {
      en: "A virtual machine with a minimal device model and firmware, built to boot in a fraction of a second.",
      ko: "장치 모델과 펌웨어를 최소로 줄여 1초도 걸리지 않고 부팅하도록 만든 가상 머신입니다.",
    },
    article: "vm-container-startup",
  },
  {
    id: "seccomp",
    en: "seccomp",
    ko: "seccomp",
    definition: {
      en: "A kernel filter that decides which system calls a process may make.",
      ko: "프로세스가 어떤 시스템 호출을 할 수 있는지 정하는 커널 필터입니다.",
    },
    article: "container-vm-isolation",
  },
  {
    id: "capabilities",
    en: "capabilities",
    ko: "케이퍼빌리티",
    avoid: ["캐퍼빌리티"],
    definition: {
      en: "Root's privileges split into separate units that can be granted or dropped one by one.",
      ko: "root의 특권을 하나씩 부여하거나 뺄 수 있도록 여러 단위로 나눈 것입니다.",
    },
    article: "container-vm-isolation",
  },
  {
    id: "attack-surface",
    en: "attack surface",
    ko: "공격 표면",
    definition: {
      en: "Everything an isolated workload can reach in the layer that protects the rest of the machine.",
      ko: "머신의 나머지 부분을 보호하는 계층 가운데 격리된 워크로드가 건드릴 수 있는 모든 부분입니다.",
    },
    article: "container-vm-isolation",
  },
  {
    id: "binary-translation",
    en: "binary translation",
    ko: "바이너리 변환",
    definition: {
      en: "Rewriting a guest's kernel code on the fly so that sensitive instructions that would not trap are replaced by calls into the hypervisor.",
      ko: "게스트 커널 코드를 실행 직전에 다시 써서, 트랩되지 않는 민감한 명령어를 하이퍼바이저 호출로 바꾸는 방식입니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "vmx-root",
    en: "VMX root / non-root operation",
    ko: "VMX 루트 모드 / VMX 비루트 모드",
    definition: {
      en: "Intel VT-x's two CPU modes: the hypervisor runs in root operation, the guest in non-root operation, each with all four rings.",
      ko: "Intel VT-x의 두 CPU 모드로, 하이퍼바이저는 루트 모드에서, 게스트는 비루트 모드에서 실행되며 두 모드 모두 링 0~3을 다 쓸 수 있습니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "sensitive-instruction",
    en: "sensitive instruction",
    ko: "민감한 명령어",
    definition: {
      en: "An instruction that reads or changes the machine's control state; Popek and Goldberg require all of them to be privileged for trap-and-emulate.",
      ko: "머신의 제어 상태를 읽거나 바꾸는 명령어로, Popek과 Goldberg에 따르면 이런 명령어가 모두 특권 명령어여야 트랩 앤 에뮬레이트가 가능합니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "hypercall",
    en: "hypercall",
    ko: "하이퍼콜",
    definition: {
      en: "A deliberate call from a paravirtualized guest into the hypervisor, like a system call one level down.",
      ko: "반가상화된 게스트가 하이퍼바이저를 명시적으로 부르는 호출로, 한 단계 아래에서 하는 시스템 호출과 비슷합니다.",
    },
    article: "hypervisors-cpu-virtualization",
  },
  {
    id: "page-fault",
    en: "page fault (#PF)",
    ko: "페이지 폴트",
    definition: {
      en: "The exception the CPU raises when a walk finds no mapping or the access is not allowed, with an error code and the faulting address in CR2.",
      ko: "페이지 워크에서 매핑을 찾지 못하거나 접근이 허용되지 않을 때 CPU가 일으키는 예외로, 오류 코드가 함께 전달되고 폴트를 일으킨 주소는 CR2에 남습니다.",
    },
    article: "memory-virtualization-page-tables",
  },
  {
    id: "large-page",
    en: "large page (2 MiB, 1 GiB)",
    ko: "큰 페이지",
    definition: {
      en: "A mapping that ends the walk one or two levels early, so one TLB entry covers 2 MiB or 1 GiB.",
      ko: "워크를 한두 단계 일찍 끝내는 매핑으로, TLB 엔트리 하나가 2MiB나 1GiB 영역을 담당합니다.",
    },
    article: "memory-virtualization-page-tables",
  },
  {
    id: "page-walk-cache",
    en: "page-walk cache",
    ko: "페이지 워크 캐시",
    definition: {
      en: "CPU caches of upper-level page-table entries that let a TLB miss skip most of the walk.",
      ko: "상위 단계 페이지 테이블 엔트리를 담아 두는 CPU 캐시로, TLB 미스가 나도 워크 대부분을 건너뛰게 해 줍니다.",
    },
    article: "memory-virtualization-page-tables",
  },
  {
    id: "ioeventfd",
    en: "ioeventfd",
    ko: "ioeventfd",
    definition: {
      en: "A KVM mechanism that turns a guest's write to a doorbell address into an eventfd signal in the kernel, without a trip to user space.",
      ko: "게스트가 도어벨 주소에 쓰면 사용자 공간으로 나가지 않고 커널 안에서 바로 eventfd에 신호를 보내는 KVM 기능입니다.",
    },
    article: "disk-io-virtualization",
  },
  {
    id: "cluster",
    en: "cluster (qcow2)",
    ko: "클러스터",
    definition: {
      en: "The unit in which a qcow2 image allocates space in its host file, 64 KiB by default.",
      ko: "qcow2 이미지가 호스트 파일에 공간을 할당하는 단위로, 기본값은 64KiB입니다.",
    },
    article: "disk-io-virtualization",
  },
  {
    id: "burst",
    en: "burst (cpu.max.burst)",
    ko: "버스트",
    definition: {
      en: "Unused quota a cgroup may carry over from quiet periods and spend in a busy one.",
      ko: "cgroup이 한가한 주기에 쓰지 않은 할당량을 모아 두었다가 바쁜 주기에 쓸 수 있는 양입니다.",
    },
    article: "container-cpu-memory-limits",
  },
  {
    id: "pid-namespace",
    en: "PID namespace",
    ko: "PID 네임스페이스",
    definition: {
      en: "A namespace with its own process-ID numbering, whose first process is PID 1 inside it.",
      ko: "자기만의 프로세스 ID 번호 체계를 가진 네임스페이스로, 안에서 처음 만들어진 프로세스가 PID 1이 됩니다.",
    },
    article: "linux-namespaces",
  },
  {
    id: "mount-namespace",
    en: "mount namespace",
    ko: "마운트 네임스페이스",
    definition: {
      en: "A namespace with its own list of mounts, which is how a container gets its own root file system.",
      ko: "자기만의 마운트 목록을 가진 네임스페이스로, 컨테이너는 이것으로 자기만의 루트 파일 시스템을 갖습니다.",
    },
    article: "linux-namespaces",
  },
  {
    id: "manifest",
    en: "manifest",
    ko: "매니페스트",
    definition: {
      en: "The JSON document of an image that lists its config and its layers by digest.",
      ko: "이미지의 설정과 계층을 다이제스트로 나열하는 JSON 문서입니다.",
    },
    article: "container-images-overlayfs",
  },
  {
    id: "digest",
    en: "digest",
    ko: "다이제스트",
    definition: {
      en: "The hash (sha256) of a blob, used as its name, so content and address cannot drift apart.",
      ko: "블롭 내용의 sha256 해시로, 이 값을 블롭의 이름으로 쓰므로 내용과 주소가 어긋날 수 없습니다.",
    },
    article: "container-images-overlayfs",
  },
  {
    id: "opaque-directory",
    en: "opaque directory",
    ko: "불투명 디렉터리",
    definition: {
      en: "An upper-layer directory marked so that the lower layers' contents under the same path are hidden.",
      ko: "같은 경로에 있는 하위 계층의 내용을 가리도록 표시한 상위 계층 디렉터리입니다.",
    },
    article: "container-images-overlayfs",
  },
  {
    id: "pivot-root",
    en: "pivot_root",
    ko: "pivot_root",
    definition: {
      en: "The system call a container runtime uses to make the image's file system the new root of the mount namespace.",
      ko: "컨테이너 런타임이 이미지의 파일 시스템을 마운트 네임스페이스의 새 루트로 만들 때 쓰는 시스템 호출입니다.",
    },
    article: "vm-container-startup",
  },
  {
    id: "firmware",
    en: "firmware (BIOS, UEFI)",
    ko: "펌웨어",
    definition: {
      en: "The code a machine runs first, which sets up the hardware and loads the boot loader or kernel.",
      ko: "머신이 가장 먼저 실행하는 코드로, 하드웨어를 초기화하고 부트로더나 커널을 불러옵니다.",
    },
    article: "vm-container-startup",
  },
  {
    id: "gvisor",
    en: "gVisor",
    ko: "gVisor",
    definition: {
      en: "A user-space kernel (the Sentry) that answers a container's system calls itself, so only a narrow set reaches the host kernel.",
      ko: "사용자 공간에서 동작하는 커널로, 그 핵심인 Sentry가 컨테이너의 시스템 호출을 직접 처리해 호스트 커널에는 제한된 일부 호출만 닿게 합니다.",
    },
    article: "container-vm-isolation",
  },
  {
    id: "kata",
    en: "Kata Containers",
    ko: "Kata Containers",
    definition: {
      en: "A container runtime that starts each pod in its own lightweight virtual machine.",
      ko: "파드마다 가벼운 가상 머신을 따로 띄워 그 안에서 컨테이너를 실행하는 컨테이너 런타임입니다.",
    },
    article: "container-vm-isolation",
  },
  {
    id: "privileged-container",
    en: "privileged container",
    ko: "특권 컨테이너",
    definition: {
      en: "A container started with every capability and without the default seccomp and device restrictions.",
      ko: "모든 케이퍼빌리티를 갖고 기본 seccomp 프로필과 장치 제한 없이 시작한 컨테이너입니다.",
    },
    article: "container-vm-isolation",
  },
];
