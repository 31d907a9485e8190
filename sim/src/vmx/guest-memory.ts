import { SysError } from "../core/errno";

/** x86 base page; the unit in which this model remembers "known to be all zeros". */
export const guestPageBytes = 4096;

/**
 * Guest physical RAM as one byte array, little-endian like x86. Virtqueues,
 * request headers and I/O buffers live here at guest physical addresses, so a
 * test can read back the exact bytes a driver laid out.
 *
 * Each page carries a "known zero" mark so a guest writing zeros (dd from
 * /dev/zero) costs no scan: the mark is only an index, the bytes are the truth.
 */
export class GuestMemory {
  readonly bytes: Uint8Array;
  readonly #view: DataView;
  readonly #zeroPages: Uint8Array;

  constructor(sizeBytes: number) {
    if (sizeBytes <= 0 || sizeBytes % guestPageBytes !== 0) throw new SysError("EINVAL", "guest RAM size");
    this.bytes = new Uint8Array(sizeBytes);
    this.#view = new DataView(this.bytes.buffer);
    this.#zeroPages = new Uint8Array(sizeBytes / guestPageBytes).fill(1);
  }

  get size(): number {
    return this.bytes.length;
  }

  #check(gpa: number, length: number): void {
    if (!Number.isInteger(gpa) || gpa < 0 || length < 0 || gpa + length > this.bytes.length) {
      throw new SysError("EFAULT", `gpa 0x${gpa.toString(16)} len ${length}`);
    }
  }

  #dirty(gpa: number, length: number): void {
    if (length === 0) return;
    const last = Math.floor((gpa + length - 1) / guestPageBytes);
    for (let p = Math.floor(gpa / guestPageBytes); p <= last; p++) this.#zeroPages[p] = 0;
  }

  /** A view (no copy) of guest memory; do not keep it across guest writes. */
  view(gpa: number, length: number): Uint8Array {
    this.#check(gpa, length);
    return this.bytes.subarray(gpa, gpa + length);
  }

  read(gpa: number, length: number): Uint8Array {
    return this.view(gpa, length).slice();
  }

  write(gpa: number, data: Uint8Array): void {
    this.#check(gpa, data.length);
    this.bytes.set(data, gpa);
    this.#dirty(gpa, data.length);
  }

  /** memset(0); pages already known to be zero are skipped. */
  fillZero(gpa: number, length: number): void {
    this.#check(gpa, length);
    let pos = gpa;
    const end = gpa + length;
    while (pos < end) {
      const page = Math.floor(pos / guestPageBytes);
      const pageEnd = Math.min(end, (page + 1) * guestPageBytes);
      if (this.#zeroPages[page] !== 1) {
        this.bytes.fill(0, pos, pageEnd);
        if (pos === page * guestPageBytes && pageEnd === (page + 1) * guestPageBytes)
          this.#zeroPages[page] = 1;
      }
      pos = pageEnd;
    }
  }

  /** True when every byte of the range is zero. */
  isZero(gpa: number, length: number): boolean {
    this.#check(gpa, length);
    let pos = gpa;
    const end = gpa + length;
    while (pos < end) {
      const page = Math.floor(pos / guestPageBytes);
      const pageEnd = Math.min(end, (page + 1) * guestPageBytes);
      if (this.#zeroPages[page] !== 1) {
        for (let i = pos; i < pageEnd; i++) if (this.bytes[i] !== 0) return false;
      }
      pos = pageEnd;
    }
    return true;
  }

  u8(gpa: number): number {
    this.#check(gpa, 1);
    return this.bytes[gpa]!;
  }
  u16(gpa: number): number {
    this.#check(gpa, 2);
    return this.#view.getUint16(gpa, true);
  }
  u32(gpa: number): number {
    this.#check(gpa, 4);
    return this.#view.getUint32(gpa, true);
  }
  /** 64-bit little-endian value; guest addresses stay below 2^53. */
  u64(gpa: number): number {
    this.#check(gpa, 8);
    return this.#view.getUint32(gpa + 4, true) * 0x1_0000_0000 + this.#view.getUint32(gpa, true);
  }
  setU8(gpa: number, value: number): void {
    this.#check(gpa, 1);
    this.bytes[gpa] = value;
    this.#dirty(gpa, 1);
  }
  setU16(gpa: number, value: number): void {
    this.#check(gpa, 2);
    this.#view.setUint16(gpa, value, true);
    this.#dirty(gpa, 2);
  }
  setU32(gpa: number, value: number): void {
    this.#check(gpa, 4);
    this.#view.setUint32(gpa, value >>> 0, true);
    this.#dirty(gpa, 4);
  }
  setU64(gpa: number, value: number): void {
    this.#check(gpa, 8);
    this.#view.setUint32(gpa, value % 0x1_0000_0000, true);
    this.#view.setUint32(gpa + 4, Math.floor(value / 0x1_0000_0000), true);
    this.#dirty(gpa, 8);
  }
}
