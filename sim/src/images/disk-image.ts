import type { ByteFile } from "../core/bytes";

/** What a device model (IDE, virtio-blk) sees of an image: a guest-visible byte range. */
export interface DiskImage {
  readonly format: "raw" | "qcow2";
  readonly file: ByteFile;
  /** Guest-visible size in bytes. */
  readonly virtualSize: number;
  read(offset: number, length: number): Uint8Array;
  write(offset: number, data: Uint8Array): void;
  /** Same result as write() of `length` zero bytes, without building them. */
  writeZeroes(offset: number, length: number): void;
  flush(): void;
}

/** 512-byte logical sectors: ATA and virtio-blk (§5.2.6: "sector" in 512-byte units). */
export const sectorBytes = 512;
