import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../core/clock";
import { ImageFile } from "../images/image-file";
import { qemuImgCreate, type ImageFormat } from "../images/qemu-img";
import { createIoMachine, guestReadBytes, guestWriteBytes, type Controller } from "./guest-disk";

const diskBytes = 512 * 1024;

/** Index of the first differing byte, or -1 (deep toEqual on 512 KiB arrays is slow). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

const writes = fc.array(
  fc
    .record({
      offset: fc.integer({ min: 0, max: diskBytes - 1 }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 1500 }),
    })
    .map(({ offset, bytes }) => ({
      offset,
      bytes: bytes.subarray(0, Math.min(bytes.length, diskBytes - offset)),
    })),
  { minLength: 1, maxLength: 6 },
);

describe("whatever the guest writes, it reads back (property)", () => {
  const cases: [Controller, ImageFormat][] = [
    ["ide", "raw"],
    ["ide", "qcow2"],
    ["virtio", "raw"],
    ["virtio", "qcow2"],
  ];
  for (const [controller, format] of cases) {
    it(`${controller} on ${format}`, () => {
      fc.assert(
        fc.property(writes, fc.boolean(), (ops, eventIdx) => {
          const image = qemuImgCreate(new ImageFile(), format, diskBytes);
          const m = createIoMachine({
            clock: new VirtualClock(),
            controller,
            image,
            pioMode: "rep",
            eventIdx,
            memoryBytes: 8 * 1024 * 1024,
          });
          const model = new Uint8Array(diskBytes);
          for (const { offset, bytes } of ops) {
            guestWriteBytes(m.disk, offset, bytes);
            model.set(bytes, offset);
          }
          // Through the guest (device model) and straight from the image file (host side) alike.
          expect(firstDifference(guestReadBytes(m.disk, 0, diskBytes), model)).toBe(-1);
          expect(firstDifference(image.read(0, diskBytes), model)).toBe(-1);
        }),
        { numRuns: controller === "ide" ? 10 : 40, seed: 42 },
      );
    });
  }
});
