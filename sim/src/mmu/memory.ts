/**
 * Physical memory as sparse 4 KiB frames of 512 64-bit entries, each entry stored as two uint32
 * halves (low word at 2i, high word at 2i+1) in one Uint32Array per frame.
 *
 * Why halves and not bigint: a page walk reads four to 35 entries and tests bits in every one;
 * with halves every test is a 32-bit integer operation on a typed array, exact for all 64 bits,
 * and allocation-free. Physical addresses are at most 52 bits (SDM Vol. 3A §4.1.4, MAXPHYADDR ≤
 * 52), so they are plain numbers, exact below 2^53; a frame number (address / 4096) is at most
 * 40 bits and is the Map key. bigint appears only at the API edge (`read`/`write` of an entry).
 */
import { SysError } from "../core/errno";

export const frameBytes = 4096;
const two32 = 4294967296;

export class PhysicalMemory {
  readonly #frames = new Map<number, Uint32Array>();

  /** The frame's words, or undefined when it was never written (reads as zeros). */
  frame(frameNumber: number): Uint32Array | undefined {
    return this.#frames.get(frameNumber);
  }

  frameForWrite(frameNumber: number): Uint32Array {
    let f = this.#frames.get(frameNumber);
    if (f === undefined) {
      f = new Uint32Array(1024);
      this.#frames.set(frameNumber, f);
    }
    return f;
  }

  get framesInUse(): number {
    return this.#frames.size;
  }

  read(address: number): bigint {
    checkEntryAddress(address);
    const f = this.#frames.get(Math.floor(address / frameBytes));
    if (f === undefined) return 0n;
    const i = (address % frameBytes) >>> 2;
    return (BigInt(f[i + 1]!) << 32n) | BigInt(f[i]!);
  }

  write(address: number, value: bigint): void {
    checkEntryAddress(address);
    const f = this.frameForWrite(Math.floor(address / frameBytes));
    const i = (address % frameBytes) >>> 2;
    const v = BigInt.asUintN(64, value);
    f[i] = Number(v & 0xffffffffn);
    f[i + 1] = Number(v >> 32n);
  }

  /** Sets bits in the low half of an entry (hardware A/D updates, SDM Vol. 3A §4.8). */
  orLow(address: number, bits: number): void {
    const f = this.frameForWrite(Math.floor(address / frameBytes));
    const i = (address % frameBytes) >>> 2;
    f[i] = (f[i]! | bits) >>> 0;
  }

  clear(address: number): void {
    const f = this.#frames.get(Math.floor(address / frameBytes));
    if (f === undefined) return;
    const i = (address % frameBytes) >>> 2;
    f[i] = 0;
    f[i + 1] = 0;
  }
}

/** Entries are 8-byte aligned 64-bit words at physical addresses below 2^52. */
export function checkEntryAddress(address: number): void {
  if (!Number.isSafeInteger(address) || address < 0 || address >= 2 ** 52 || address % 8 !== 0) {
    throw new SysError("EINVAL", `entry address ${address}`);
  }
}

/** Address bits 51:12 of an entry as a frame number (high word bits 19:0, low word bits 31:12). */
export function entryFrame(hi: number, lo: number): number {
  return (hi & 0xfffff) * 1048576 + (lo >>> 12);
}

/** Split a number below 2^53 into uint32 halves. */
export function lowHalf(n: number): number {
  return n >>> 0;
}
export function highHalf(n: number): number {
  return Math.floor(n / two32) >>> 0;
}

/** Bump allocator of zeroed frames, downward or upward inside [first, limit). */
export class FrameAllocator {
  #next: number;
  readonly #step: number;
  readonly #first: number;
  readonly #limit: number;

  constructor(firstFrame: number, limitFrame: number, downward: boolean) {
    this.#first = firstFrame;
    this.#limit = limitFrame;
    this.#step = downward ? -1 : 1;
    this.#next = downward ? limitFrame - 1 : firstFrame;
  }

  allocate(): number {
    if (this.#next < this.#first || this.#next >= this.#limit) throw new SysError("ENOMEM");
    const f = this.#next;
    this.#next += this.#step;
    return f;
  }

  get allocated(): number {
    return this.#step > 0 ? this.#next - this.#first : this.#limit - 1 - this.#next;
  }
}
