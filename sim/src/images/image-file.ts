import type { ByteFile } from "../core/bytes";
import { fsBlockBytes } from "../core/bytes";

/**
 * A host file for disk images: sparse in 4 KiB ext4 blocks like SparseFile,
 * plus fallocate(FALLOC_FL_ZERO_RANGE): blocks allocated and reading as
 * zeros without holding 4 KiB of zeros each. QEMU allocates qcow2 clusters
 * this way (block/qcow2.c handle_alloc_space → bdrv_co_pwrite_zeroes), and
 * a guest writing gigabytes of zeros stays cheap to simulate while
 * `disk size` (st_blocks) stays what a real host would report.
 */
export class ImageFile implements ByteFile {
  #size = 0;
  /** block index → data, or null for an allocated block of zeros. */
  readonly #blocks = new Map<number, Uint8Array | null>();

  get size(): number {
    return this.#size;
  }

  get allocatedBytes(): number {
    return this.#blocks.size * fsBlockBytes;
  }

  read(offset: number, length: number): Uint8Array {
    const end = Math.min(this.#size, offset + length);
    const out = new Uint8Array(Math.max(0, end - offset));
    let pos = offset;
    while (pos < end) {
      const index = Math.floor(pos / fsBlockBytes);
      const within = pos - index * fsBlockBytes;
      const n = Math.min(fsBlockBytes - within, end - pos);
      const block = this.#blocks.get(index);
      if (block) out.set(block.subarray(within, within + n), pos - offset);
      pos += n;
    }
    return out;
  }

  write(offset: number, data: Uint8Array): void {
    let pos = offset;
    let src = 0;
    while (src < data.length) {
      const index = Math.floor(pos / fsBlockBytes);
      const within = pos - index * fsBlockBytes;
      const n = Math.min(fsBlockBytes - within, data.length - src);
      let block = this.#blocks.get(index);
      if (!block) {
        block = new Uint8Array(fsBlockBytes);
        this.#blocks.set(index, block);
      }
      block.set(data.subarray(src, src + n), within);
      pos += n;
      src += n;
    }
    this.#size = Math.max(this.#size, offset + data.length);
  }

  /** fallocate(FALLOC_FL_ZERO_RANGE): the range reads as zeros and its blocks count as allocated. */
  writeZeroes(offset: number, length: number): void {
    let pos = offset;
    const end = offset + length;
    while (pos < end) {
      const index = Math.floor(pos / fsBlockBytes);
      const within = pos - index * fsBlockBytes;
      const n = Math.min(fsBlockBytes - within, end - pos);
      const block = this.#blocks.get(index);
      if (block) block.fill(0, within, within + n);
      else this.#blocks.set(index, null);
      pos += n;
    }
    this.#size = Math.max(this.#size, end);
  }

  truncate(size: number): void {
    if (size < this.#size) {
      for (const index of [...this.#blocks.keys()]) {
        if (index * fsBlockBytes >= size) this.#blocks.delete(index);
      }
      const last = this.#blocks.get(Math.floor(size / fsBlockBytes));
      last?.fill(0, size % fsBlockBytes);
    }
    this.#size = size;
  }
}

/** Zero a range of any ByteFile, cheaply when it supports ZERO_RANGE. */
export function writeZeroes(file: ByteFile, offset: number, length: number): void {
  if (file instanceof ImageFile) {
    file.writeZeroes(offset, length);
    return;
  }
  const chunk = new Uint8Array(Math.min(length, 65536));
  for (let pos = 0; pos < length; pos += chunk.length) {
    file.write(offset + pos, chunk.subarray(0, Math.min(chunk.length, length - pos)));
  }
}
