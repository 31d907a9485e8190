import { describe, expect, it } from "vitest";
import { ImageFile } from "./image-file";
import { Qcow2Image } from "./qcow2";
import { openImage, qemuImgCreate, qemuImgInfo, qemuSizeToStr } from "./qemu-img";

const GiB = 1024 ** 3;
const be64 = (b: Uint8Array, at: number): number => {
  const v = new DataView(b.buffer, b.byteOffset);
  return v.getUint32(at) * 2 ** 32 + v.getUint32(at + 4);
};

describe("qcow2 create (docs/interop/qcow2.txt, block/qcow2.c qcow2_co_create)", () => {
  it("lays out header, refcount table, refcount block and L1 in clusters 0..3", () => {
    const file = new ImageFile();
    qemuImgCreate(file, "qcow2", GiB);
    const h = file.read(0, 112);
    const v = new DataView(h.buffer);
    expect([...h.subarray(0, 4)]).toEqual([0x51, 0x46, 0x49, 0xfb]); // "QFI\xfb"
    expect(v.getUint32(4)).toBe(3); // version
    expect(v.getUint32(20)).toBe(16); // cluster_bits → 64 KiB
    expect(be64(h, 24)).toBe(GiB); // size
    // l1_size: one L2 table maps 8192 entries × 64 KiB = 512 MiB, so 1 GiB needs 2.
    expect(v.getUint32(36)).toBe(2);
    expect(be64(h, 40)).toBe(0x30000); // l1_table_offset
    expect(be64(h, 48)).toBe(0x10000); // refcount_table_offset
    expect(v.getUint32(56)).toBe(1); // refcount_table_clusters
    expect(v.getUint32(96)).toBe(4); // refcount_order → 16-bit
    expect(v.getUint32(100)).toBe(112); // header_length
    expect(be64(file.read(0x10000, 8), 0)).toBe(0x20000); // refcount table[0] → refcount block
    const img = Qcow2Image.open(file);
    expect([0, 1, 2, 3, 4].map((c) => img.refcount(c))).toEqual([1, 1, 1, 1, 0]);
    // File length: L1 at 0x30000 plus its 2 × 8 bytes; blocks: 16 (header cluster) + 32 (refcount
    // table + block) + 1 (the L1's 4 KiB block) = 49 → 196 KiB.
    expect(file.size).toBe(196624);
    expect(file.allocatedBytes).toBe(196 * 1024);
  });

  it("first write allocates L2 then data cluster; a new 512 MiB region grows the file by exactly 2 clusters", () => {
    const file = new ImageFile();
    const img = qemuImgCreate(file, "qcow2", GiB) as Qcow2Image;
    img.write(0x200, new Uint8Array([1, 2, 3, 4]));
    expect(be64(file.read(0x30000, 8), 0)).toBe(2 ** 63 + 0x40000); // L1[0] = L2 at 0x40000 | COPIED
    expect(be64(file.read(0x40000, 8), 0)).toBe(2 ** 63 + 0x50000); // L2[0] = data at 0x50000 | COPIED
    expect(img.map(0x200)).toEqual({ l1Index: 0, l2Index: 0, l2TableOffset: 0x40000, hostOffset: 0x50200 });
    expect([...file.read(0x50200, 4)]).toEqual([1, 2, 3, 4]);
    expect(file.size).toBe(0x60000);

    const before = file.size;
    const guest = 512 * 1024 * 1024 + 0x1234; // L1 index 1: no L2 table yet
    img.write(guest, new Uint8Array([9]));
    expect(file.size - before).toBe(2 * 65536);
    expect(file.allocatedBytes).toBe(196 * 1024 + 4 * 65536);
    expect(img.map(guest)).toEqual({ l1Index: 1, l2Index: 0, l2TableOffset: 0x60000, hostOffset: 0x71234 });
    expect(file.read(0x71234, 1)[0]).toBe(9);

    const before2 = file.size;
    img.write(65536 * 5, new Uint8Array([7])); // same L2 table as guest offset 0: one data cluster
    expect(file.size - before2).toBe(65536);
    expect(img.map(65536 * 5).hostOffset).toBe(0x80000);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => img.refcount(c))).toEqual([
      1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    ]);
  });

  it("unallocated clusters read as zeros; reopening from the file finds the same mapping", () => {
    const file = new ImageFile();
    const img = qemuImgCreate(file, "qcow2", 64 * 1024 * 1024);
    img.write(3 * 65536 + 100, new Uint8Array([0xaa, 0xbb]));
    expect(img.read(0, 16)).toEqual(new Uint8Array(16));
    const again = openImage(file);
    expect(again.format).toBe("qcow2");
    expect([...again.read(3 * 65536 + 99, 4)]).toEqual([0, 0xaa, 0xbb, 0]);
  });

  it("refcount blocks beyond the first 2 GiB of host file place themselves", () => {
    const file = new ImageFile();
    const img = qemuImgCreate(file, "qcow2", 4 * GiB) as Qcow2Image;
    // 16-bit refcounts: one block holds 65536 × 8 / 16 = 32768 entries = 2 GiB of host clusters.
    img.writeZeroes(0, 3 * GiB);
    expect(be64(file.read(0x10000 + 8, 8), 0)).toBe(32768 * 65536);
    expect(img.refcount(32768)).toBe(1);
    expect(img.read(3 * GiB - 8, 8)).toEqual(new Uint8Array(8));
  });
});

describe("raw", () => {
  it("guest byte n is file byte n; a fresh image has its first 4 KiB block allocated", () => {
    const file = new ImageFile();
    const img = qemuImgCreate(file, "raw", GiB);
    expect(file.allocatedBytes).toBe(4096);
    img.write(1000 * 512, new Uint8Array([0xde, 0xad]));
    expect([...file.read(512000, 2)]).toEqual([0xde, 0xad]);
    expect(openImage(file).format).toBe("raw");
  });
});

describe("qemu-img info (block/qapi.c, util/cutils.c size_to_str)", () => {
  it("formats sizes with %0.3g and IEC units", () => {
    expect(qemuSizeToStr(0)).toBe("0 B");
    expect(qemuSizeToStr(196624)).toBe("192 KiB");
    expect(qemuSizeToStr(GiB)).toBe("1 GiB");
    expect(qemuSizeToStr(1.5 * GiB)).toBe("1.5 GiB");
    expect(qemuSizeToStr(1000 * 1024)).toBe("0.977 MiB");
    expect(qemuSizeToStr(999)).toBe("999 B");
  });

  it("prints a fresh 1 GiB qcow2", () => {
    const file = new ImageFile();
    const img = qemuImgCreate(file, "qcow2", GiB);
    expect(qemuImgInfo("disk.qcow2", img)).toBe(
      [
        "image: disk.qcow2",
        "file format: qcow2",
        "virtual size: 1 GiB (1073741824 bytes)",
        "disk size: 196 KiB",
        "cluster_size: 65536",
        "Format specific information:",
        "    compat: 1.1",
        "    compression type: zlib",
        "    lazy refcounts: false",
        "    refcount bits: 16",
        "    corrupt: false",
        "    extended l2: false",
        "Child node '/file':",
        "    filename: disk.qcow2",
        "    protocol type: file",
        "    file length: 192 KiB (196624 bytes)",
        "    disk size: 196 KiB",
        "",
      ].join("\n"),
    );
  });

  it("prints a raw image", () => {
    const img = qemuImgCreate(new ImageFile(), "raw", 2 * GiB);
    expect(qemuImgInfo("disk.raw", img).split("\n").slice(0, 4)).toEqual([
      "image: disk.raw",
      "file format: raw",
      "virtual size: 2 GiB (2147483648 bytes)",
      "disk size: 4 KiB",
    ]);
  });
});
