import type { ByteFile } from "../core/bytes";
import { SysError } from "../core/errno";
import type { DiskImage } from "./disk-image";
import { writeZeroes } from "./image-file";

/**
 * qcow2 version 3 (docs/interop/qcow2.txt), as qemu-img 8.x creates it:
 * 64 KiB clusters, 16-bit refcounts, two-level L1/L2 tables of big-endian
 * 64-bit entries, clusters allocated on first write.
 */
export const qcow2Magic = 0x514649fb; // "QFI\xfb"
export const qcow2Version = 3;
export const qcow2DefaultClusterBits = 16;
/** qcow2.txt: header_length is 112 since the compression_type field (byte 104, padded to 8). */
export const qcow2HeaderLength = 112;
/** qcow2.txt "Refcount table … refcount_order": 4 → 16-bit refcounts, QEMU's default. */
export const qcow2RefcountOrder = 4;
/** L1/L2 entry bit 63: the cluster's refcount is exactly one (writes go in place). */
export const qcow2Copied = 2 ** 63;
/** Bits 9–55 of an L1 or standard L2 entry hold the host offset (arithmetic: JS bit operators are 32-bit). */
function entryOffset(entry: number): number {
  return Math.floor((entry % 2 ** 56) / 512) * 512;
}
/** qcow2.txt "Feature name table" header extension type. */
const featureNameTableMagic = 0x6803f857;

/** The feature names QEMU writes into every new image (block/qcow2.c qcow2_update_header). */
const featureNames: readonly [type: number, bit: number, name: string][] = [
  [0, 0, "dirty bit"],
  [0, 1, "corrupt bit"],
  [0, 2, "external data file"],
  [0, 3, "compression type"],
  [0, 4, "extended L2 entries"],
  [1, 0, "lazy refcounts"],
  [2, 0, "bitmaps"],
  [2, 1, "raw external data"],
];

export interface Qcow2Header {
  readonly version: number;
  readonly clusterBits: number;
  readonly size: number;
  readonly l1Size: number;
  readonly l1TableOffset: number;
  readonly refcountTableOffset: number;
  readonly refcountTableClusters: number;
  readonly refcountOrder: number;
  readonly headerLength: number;
  readonly incompatibleFeatures: number;
}

/** Where a guest offset lands: table indices and, when allocated, the host offset. */
export interface Qcow2Mapping {
  readonly l1Index: number;
  readonly l2Index: number;
  readonly l2TableOffset: number;
  readonly hostOffset: number | undefined;
}

function getU64(file: ByteFile, offset: number): number {
  const b = file.read(offset, 8);
  const v = new DataView(b.buffer, b.byteOffset, 8);
  return v.getUint32(0) * 0x1_0000_0000 + v.getUint32(4);
}

function u64Bytes(value: number): Uint8Array {
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  // The COPIED flag (2^63) and offsets below 2^56 are exact in a double.
  v.setUint32(0, Math.floor(value / 0x1_0000_0000));
  v.setUint32(4, value % 0x1_0000_0000);
  return out;
}

export class Qcow2Image implements DiskImage {
  readonly format = "qcow2";
  readonly file: ByteFile;
  readonly header: Qcow2Header;
  readonly clusterBytes: number;
  readonly l2Entries: number;
  readonly refcountBlockEntries: number;
  readonly #l1: number[];
  readonly #l2 = new Map<number, number[]>();
  readonly #refcountTable: number[];
  #nextFreeCluster: number;

  private constructor(file: ByteFile, header: Qcow2Header) {
    this.file = file;
    this.header = header;
    this.clusterBytes = 2 ** header.clusterBits;
    this.l2Entries = this.clusterBytes / 8;
    this.refcountBlockEntries = (this.clusterBytes * 8) / 2 ** header.refcountOrder;
    this.#l1 = [];
    for (let i = 0; i < header.l1Size; i++) this.#l1.push(getU64(file, header.l1TableOffset + 8 * i));
    const tableEntries = (header.refcountTableClusters * this.clusterBytes) / 8;
    this.#refcountTable = [];
    for (let i = 0; i < tableEntries; i++)
      this.#refcountTable.push(getU64(file, header.refcountTableOffset + 8 * i));
    // Clusters are handed out first-fit; nothing is ever freed here, so the next free one is past the end.
    this.#nextFreeCluster = Math.ceil(file.size / this.clusterBytes);
  }

  /**
   * qemu-img create -f qcow2 FILE SIZE (block/qcow2.c qcow2_co_create): the
   * header cluster, the refcount table at cluster 1 and its first refcount
   * block at cluster 2 are written whole; then the image is grown to SIZE,
   * which allocates the L1 table at cluster 3 and writes only its l1_size × 8
   * bytes. A 1 GiB image is 196624 bytes long and holds 49 blocks (196 KiB).
   */
  static create(file: ByteFile, sizeBytes: number, clusterBits = qcow2DefaultClusterBits): Qcow2Image {
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0 || sizeBytes % 512 !== 0) {
      throw new SysError("EINVAL", "qcow2 size must be a multiple of 512");
    }
    const clusterBytes = 2 ** clusterBits;
    const l2Entries = clusterBytes / 8;
    const l1Size = Math.ceil(sizeBytes / (clusterBytes * l2Entries));
    const l1Clusters = Math.max(1, Math.ceil((l1Size * 8) / clusterBytes));
    const l1TableOffset = 3 * clusterBytes;
    file.truncate(0);
    const header = new Uint8Array(clusterBytes);
    const v = new DataView(header.buffer);
    v.setUint32(0, qcow2Magic);
    v.setUint32(4, qcow2Version);
    v.setUint32(20, clusterBits);
    header.set(u64Bytes(sizeBytes), 24);
    v.setUint32(36, l1Size);
    header.set(u64Bytes(l1TableOffset), 40);
    header.set(u64Bytes(clusterBytes), 48); // refcount_table_offset
    v.setUint32(56, 1); // refcount_table_clusters
    v.setUint32(96, qcow2RefcountOrder);
    v.setUint32(100, qcow2HeaderLength);
    // Header extensions start at header_length: the feature name table, then the end marker (type 0).
    let pos = qcow2HeaderLength;
    v.setUint32(pos, featureNameTableMagic);
    v.setUint32(pos + 4, featureNames.length * 48);
    pos += 8;
    for (const [type, bit, name] of featureNames) {
      header[pos] = type;
      header[pos + 1] = bit;
      header.set(new TextEncoder().encode(name), pos + 2);
      pos += 48;
    }
    file.write(0, header);
    // Refcount table (cluster 1) and refcount block (cluster 2), written as one zeroed buffer.
    writeZeroes(file, clusterBytes, 2 * clusterBytes);
    file.write(clusterBytes, u64Bytes(2 * clusterBytes));
    const refcounts = new Uint8Array(2 * (3 + l1Clusters));
    for (let i = 0; i < 3 + l1Clusters; i++) refcounts[2 * i + 1] = 1;
    file.write(2 * clusterBytes, refcounts);
    // The L1 table: only its entries are written, so the file ends right after them.
    file.write(l1TableOffset, new Uint8Array(Math.max(8, l1Size * 8)).subarray(0, l1Size * 8));
    if (l1Size === 0) file.truncate(l1TableOffset);
    return Qcow2Image.open(file);
  }

  static open(file: ByteFile): Qcow2Image {
    const b = file.read(0, 104);
    if (b.length < 104) throw new SysError("EINVAL", "not a qcow2 image");
    const v = new DataView(b.buffer, b.byteOffset, b.length);
    if (v.getUint32(0) !== qcow2Magic) throw new SysError("EINVAL", "not a qcow2 image");
    const version = v.getUint32(4);
    if (version !== 3) throw new SysError("EOPNOTSUPP", `qcow2 version ${version}`);
    const header: Qcow2Header = {
      version,
      clusterBits: v.getUint32(20),
      size: getU64(file, 24),
      l1Size: v.getUint32(36),
      l1TableOffset: getU64(file, 40),
      refcountTableOffset: getU64(file, 48),
      refcountTableClusters: v.getUint32(56),
      refcountOrder: v.getUint32(96),
      headerLength: v.getUint32(100),
      incompatibleFeatures: getU64(file, 72),
    };
    if (header.refcountOrder !== qcow2RefcountOrder) throw new SysError("EOPNOTSUPP", "refcount_order");
    if (header.incompatibleFeatures !== 0) throw new SysError("EOPNOTSUPP", "incompatible features");
    return new Qcow2Image(file, header);
  }

  get virtualSize(): number {
    return this.header.size;
  }

  #l2Table(l1Index: number): number[] | undefined {
    const entry = this.#l1[l1Index]!;
    const offset = entryOffset(entry);
    if (offset === 0) return undefined;
    let table = this.#l2.get(l1Index);
    if (table === undefined) {
      const raw = this.file.read(offset, this.clusterBytes);
      const v = new DataView(raw.buffer, raw.byteOffset, raw.length);
      table = [];
      for (let i = 0; i < this.l2Entries; i++) {
        table.push(i * 8 < raw.length ? v.getUint32(i * 8) * 0x1_0000_0000 + v.getUint32(i * 8 + 4) : 0);
      }
      this.#l2.set(l1Index, table);
    }
    return table;
  }

  /** Where guest byte `offset` lives (qcow2.txt "Cluster mapping"). */
  map(offset: number): Qcow2Mapping {
    const clusterIndex = Math.floor(offset / this.clusterBytes);
    const l1Index = Math.floor(clusterIndex / this.l2Entries);
    const l2Index = clusterIndex % this.l2Entries;
    const l2TableOffset = entryOffset(this.#l1[l1Index]!);
    const entry = this.#l2Table(l1Index)?.[l2Index] ?? 0;
    const host = entryOffset(entry);
    return {
      l1Index,
      l2Index,
      l2TableOffset,
      hostOffset: host === 0 ? undefined : host + (offset % this.clusterBytes),
    };
  }

  /** The refcount of host cluster `index` as stored in the file. */
  refcount(clusterIndex: number): number {
    const block = this.#refcountTable[Math.floor(clusterIndex / this.refcountBlockEntries)] ?? 0;
    if (block === 0) return 0;
    const b = this.file.read(block + 2 * (clusterIndex % this.refcountBlockEntries), 2);
    return ((b[0] ?? 0) << 8) | (b[1] ?? 0);
  }

  #setRefcount(clusterIndex: number, value: number): void {
    const block = this.#refcountTable[Math.floor(clusterIndex / this.refcountBlockEntries)]!;
    this.file.write(
      block + 2 * (clusterIndex % this.refcountBlockEntries),
      new Uint8Array([value >> 8, value & 0xff]),
    );
  }

  /**
   * Allocate one cluster, zeroed (fallocate ZERO_RANGE), refcount 1. When no
   * refcount block covers it yet, a new block is placed at that cluster and
   * counts itself, as QEMU's alloc_refcount_block does when the new block
   * falls inside the range it describes.
   */
  #allocCluster(): number {
    let index = this.#nextFreeCluster;
    const blockIndex = Math.floor(index / this.refcountBlockEntries);
    if ((this.#refcountTable[blockIndex] ?? 0) === 0) {
      if (blockIndex >= this.#refcountTable.length) throw new SysError("EFBIG", "refcount table full");
      const blockOffset = index * this.clusterBytes;
      writeZeroes(this.file, blockOffset, this.clusterBytes);
      this.#refcountTable[blockIndex] = blockOffset;
      this.file.write(this.header.refcountTableOffset + 8 * blockIndex, u64Bytes(blockOffset));
      this.#setRefcount(index, 1);
      index++;
    }
    this.#setRefcount(index, 1);
    this.#nextFreeCluster = index + 1;
    const offset = index * this.clusterBytes;
    writeZeroes(this.file, offset, this.clusterBytes);
    return offset;
  }

  /** Host offset of the cluster holding guest `offset`, allocating L2 table and data cluster on first write. */
  #hostClusterForWrite(offset: number): number {
    const clusterIndex = Math.floor(offset / this.clusterBytes);
    const l1Index = Math.floor(clusterIndex / this.l2Entries);
    const l2Index = clusterIndex % this.l2Entries;
    let table = this.#l2Table(l1Index);
    if (table === undefined) {
      const l2Offset = this.#allocCluster();
      this.#l1[l1Index] = l2Offset + qcow2Copied;
      this.file.write(this.header.l1TableOffset + 8 * l1Index, u64Bytes(l2Offset + qcow2Copied));
      table = new Array<number>(this.l2Entries).fill(0);
      this.#l2.set(l1Index, table);
    }
    const entry = table[l2Index]!;
    const host = entryOffset(entry);
    if (host !== 0) return host;
    const dataOffset = this.#allocCluster();
    table[l2Index] = dataOffset + qcow2Copied;
    const l2Offset = entryOffset(this.#l1[l1Index]!);
    this.file.write(l2Offset + 8 * l2Index, u64Bytes(dataOffset + qcow2Copied));
    return dataOffset;
  }

  #check(offset: number, length: number): void {
    if (offset < 0 || offset + length > this.header.size)
      throw new SysError("EIO", "beyond end of qcow2 image");
  }

  read(offset: number, length: number): Uint8Array {
    this.#check(offset, length);
    const out = new Uint8Array(length);
    let pos = 0;
    while (pos < length) {
      const g = offset + pos;
      const n = Math.min(this.clusterBytes - (g % this.clusterBytes), length - pos);
      const host = this.map(g).hostOffset;
      // qcow2.txt: an unallocated cluster with no backing file reads as zeros.
      if (host !== undefined) out.set(this.file.read(host, n), pos);
      pos += n;
    }
    return out;
  }

  write(offset: number, data: Uint8Array): void {
    this.#check(offset, data.length);
    let pos = 0;
    while (pos < data.length) {
      const g = offset + pos;
      const within = g % this.clusterBytes;
      const n = Math.min(this.clusterBytes - within, data.length - pos);
      this.file.write(this.#hostClusterForWrite(g) + within, data.subarray(pos, pos + n));
      pos += n;
    }
  }

  writeZeroes(offset: number, length: number): void {
    this.#check(offset, length);
    let pos = 0;
    while (pos < length) {
      const g = offset + pos;
      const within = g % this.clusterBytes;
      const n = Math.min(this.clusterBytes - within, length - pos);
      writeZeroes(this.file, this.#hostClusterForWrite(g) + within, n);
      pos += n;
    }
  }

  flush(): void {}
}
