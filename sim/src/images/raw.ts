import type { ByteFile } from "../core/bytes";
import { fsBlockBytes } from "../core/bytes";
import { SysError } from "../core/errno";
import type { DiskImage } from "./disk-image";
import { writeZeroes } from "./image-file";

/** A raw image: guest byte n is file byte n (guest sector × 512 = file offset); holes read as zeros. */
export class RawImage implements DiskImage {
  readonly format = "raw";
  readonly file: ByteFile;

  constructor(file: ByteFile) {
    this.file = file;
  }

  /**
   * qemu-img create -f raw: ftruncate to the size, then QEMU writes the first
   * block (block/file-posix.c allocate_first_block, so later alignment probing
   * finds allocated storage): a fresh raw image shows "disk size: 4 KiB".
   */
  static create(file: ByteFile, sizeBytes: number): RawImage {
    file.truncate(0);
    file.truncate(sizeBytes);
    if (sizeBytes > 0) writeZeroes(file, 0, Math.min(fsBlockBytes, sizeBytes));
    return new RawImage(file);
  }

  get virtualSize(): number {
    return this.file.size;
  }

  #check(offset: number, length: number): void {
    if (offset < 0 || offset + length > this.file.size) throw new SysError("EIO", "beyond end of raw image");
  }

  read(offset: number, length: number): Uint8Array {
    this.#check(offset, length);
    return this.file.read(offset, length);
  }

  write(offset: number, data: Uint8Array): void {
    this.#check(offset, data.length);
    this.file.write(offset, data);
  }

  writeZeroes(offset: number, length: number): void {
    this.#check(offset, length);
    writeZeroes(this.file, offset, length);
  }

  flush(): void {}
}
