/**
 * A file's contents as the host kernel would hold them: a sparse byte store.
 * Disk images (raw, qcow2) sit on top of this, and the VFS exposes it as an
 * ordinary file, so `ls -l` shows the apparent size and `du` the blocks that
 * were really written.
 */
export interface ByteFile {
  /** Apparent size in bytes (st_size). */
  readonly size: number;
  /** Bytes backed by allocated blocks (st_blocks × 512). */
  readonly allocatedBytes: number;
  read(offset: number, length: number): Uint8Array;
  write(offset: number, data: Uint8Array): void;
  truncate(size: number): void;
}

/** Filesystem block size of the simulated host's ext4 (4 KiB). */
export const fsBlockBytes = 4096;

/** Sparse file in 4 KiB blocks; holes read as zeros and cost nothing, like ext4. */
export class SparseFile implements ByteFile {
  #size = 0;
  readonly #blocks = new Map<number, Uint8Array>();

  constructor(initial?: Uint8Array) {
    if (initial !== undefined) this.write(0, initial);
  }

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
      if (block !== undefined) out.set(block.subarray(within, within + n), pos - offset);
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
      if (block === undefined) {
        block = new Uint8Array(fsBlockBytes);
        this.#blocks.set(index, block);
      }
      block.set(data.subarray(src, src + n), within);
      pos += n;
      src += n;
    }
    this.#size = Math.max(this.#size, offset + data.length);
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

  /** Whole contents as text (small files: configs, scripts). */
  text(): string {
    return new TextDecoder().decode(this.read(0, this.#size));
  }
}
