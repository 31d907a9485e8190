/**
 * Benchmarks of the trapped disk I/O model (sim/src/vmx, devices, images).
 * Wall time is measured here, outside the simulation; the model itself only
 * ever sees the VirtualClock.
 */
import { pathToFileURL } from "node:url";
import { VirtualClock } from "../sim/src/core/clock";
import { createIoMachine, guestDd } from "../sim/src/devices/guest-disk";
import { ImageFile } from "../sim/src/images/image-file";
import { qemuImgCreate } from "../sim/src/images/qemu-img";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export function benchIo(): Promise<{ name: string; value: number; unit: string }[]> {
  // 1. Raw exit rate: IDE reads with one inw per word, 265 exits a sector.
  const ide = createIoMachine({
    clock: new VirtualClock(),
    controller: "ide",
    image: qemuImgCreate(new ImageFile(), "raw", 64 * MiB),
    pioMode: "word",
  });
  let t0 = performance.now();
  guestDd(ide.disk, { bs: 64 * 1024, count: 8, direction: { from: "disk" } });
  const ideWallS = (performance.now() - t0) / 1000;
  const exits = ide.vm.stat("kvm_exit");

  // 2. 1 GiB of zeros through virtio-blk, 1 MiB requests, into a fresh qcow2 image.
  const file = new ImageFile();
  const image = qemuImgCreate(file, "qcow2", 2 * GiB);
  const vio = createIoMachine({ clock: new VirtualClock(), controller: "virtio", image });
  t0 = performance.now();
  const dd = guestDd(vio.disk, { bs: MiB, count: 1024, direction: { from: "zero" } });
  const vioWallMs = performance.now() - t0;

  return Promise.resolve([
    { name: "io.exits_simulated_per_wall_second", value: Math.round(exits / ideWallS), unit: "exits/s" },
    { name: "io.virtio_qcow2_1GiB_1MiB_requests_wall", value: Math.round(vioWallMs), unit: "ms" },
    {
      name: "io.virtio_qcow2_1GiB_simulated_throughput",
      value: Math.round(dd.bytes / dd.durationUs),
      unit: "MB/s",
    },
    {
      name: "io.virtio_qcow2_1GiB_host_disk_size",
      value: Math.round(file.allocatedBytes / MiB),
      unit: "MiB",
    },
  ]);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchIo()) console.log(`${r.name}\t${r.value}\t${r.unit}`);
}
