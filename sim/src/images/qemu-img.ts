import type { ByteFile } from "../core/bytes";
import { SysError } from "../core/errno";
import type { DiskImage } from "./disk-image";
import { Qcow2Image, qcow2Magic } from "./qcow2";
import { RawImage } from "./raw";

export type ImageFormat = "raw" | "qcow2";

/**
 * QEMU's util/cutils.c size_to_str(): powers of 1024 with IEC suffixes,
 * "%0.3g" of the value, switching unit once the integer part would reach
 * 1000 (so 1000 KiB prints as "0.977 MiB").
 */
export function qemuSizeToStr(bytes: number): string {
  const suffixes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  // frexp(val / (1000/1024)) exponent e; unit index (e − 1) / 10 truncated toward zero, as in C.
  const scaled = bytes / (1000 / 1024);
  const e = scaled === 0 ? 0 : Math.floor(Math.log2(scaled)) + 1;
  const i = Math.max(0, Math.trunc((e - 1) / 10));
  const value = bytes / 2 ** (i * 10);
  return `${formatG3(value)} ${suffixes[i]!}`;
}

/** printf("%0.3g") for 0 ≤ value < 1000: three significant digits, trailing zeros dropped. */
function formatG3(value: number): string {
  if (value === 0) return "0";
  const text = value.toPrecision(3);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** qemu-img create's first line (QEMU 8.x option order for each format). */
export function qemuImgCreateMessage(fileName: string, format: ImageFormat, sizeBytes: number): string {
  return format === "raw"
    ? `Formatting '${fileName}', fmt=raw size=${sizeBytes}`
    : `Formatting '${fileName}', fmt=qcow2 cluster_size=65536 extended_l2=off compression_type=zlib size=${sizeBytes} lazy_refcounts=off refcount_bits=16`;
}

/** `qemu-img create -f FORMAT FILE SIZE` on an (empty or existing) host file. */
export function qemuImgCreate(file: ByteFile, format: ImageFormat, sizeBytes: number): DiskImage {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw new SysError("EINVAL", "image size");
  return format === "raw" ? RawImage.create(file, sizeBytes) : Qcow2Image.create(file, sizeBytes);
}

/** Format probing as block.c does it: the qcow2 magic, else raw. */
export function openImage(file: ByteFile): DiskImage {
  const head = file.read(0, 4);
  const magic = head.length === 4 ? new DataView(head.buffer, head.byteOffset, 4).getUint32(0) : 0;
  return magic === qcow2Magic ? Qcow2Image.open(file) : new RawImage(file);
}

/**
 * `qemu-img info FILE` in the human format of block/qapi.c
 * bdrv_image_info_dump() and bdrv_node_info_dump() (QEMU 8.x): disk size is
 * the host file's allocated blocks, then the qcow2-specific block, then the
 * protocol node the image sits on.
 */
export function qemuImgInfo(fileName: string, image: DiskImage): string {
  const lines = [
    `image: ${fileName}`,
    `file format: ${image.format}`,
    `virtual size: ${qemuSizeToStr(image.virtualSize)} (${image.virtualSize} bytes)`,
    `disk size: ${qemuSizeToStr(image.file.allocatedBytes)}`,
  ];
  if (image instanceof Qcow2Image) {
    lines.push(
      `cluster_size: ${image.clusterBytes}`,
      "Format specific information:",
      "    compat: 1.1",
      "    compression type: zlib",
      "    lazy refcounts: false",
      "    refcount bits: 16",
      "    corrupt: false",
      "    extended l2: false",
    );
  }
  lines.push(
    "Child node '/file':",
    `    filename: ${fileName}`,
    "    protocol type: file",
    `    file length: ${qemuSizeToStr(image.file.size)} (${image.file.size} bytes)`,
    `    disk size: ${qemuSizeToStr(image.file.allocatedBytes)}`,
  );
  return `${lines.join("\n")}\n`;
}
