import type { ByteFile } from "../../../core/bytes";
import { SysError } from "../../../core/errno";
import type { Host } from "../../../host/host";
import type { Node } from "../../../host/vfs";
import { ImageFile } from "../../../images/image-file";

/** Bytes [offset, offset+length) of any readable node (file, device, kernel file). */
export function readRange(node: Node, offset: number, length: number): Uint8Array {
  switch (node.kind) {
    case "dir":
      throw new SysError("EISDIR");
    case "symlink":
      throw new SysError("EINVAL");
    case "file": {
      if (node.data !== undefined) return node.data.read(offset, length);
      const text = new TextEncoder().encode(node.generated.read());
      return text.subarray(Math.min(offset, text.length), Math.min(offset + length, text.length));
    }
    default: {
      const size = node.device.size;
      const n = size === undefined ? length : Math.max(0, Math.min(length, size - offset));
      return node.device.read(offset, n);
    }
  }
}

/** Size a reader sees before EOF, or undefined for an endless device (/dev/zero). */
export function readableSize(node: Node): number | undefined {
  if (node.kind === "file") return node.data !== undefined ? node.data.size : undefined;
  if (node.kind === "chardev" || node.kind === "blockdev") return node.device.size;
  return 0;
}

/**
 * The host file behind a qemu-img create: an existing image file is reused,
 * anything else at that path becomes an ImageFile (sparse, with fallocate
 * ZERO_RANGE) so `ls -l` shows the apparent size and `du` the blocks.
 */
export function imageFileAt(host: Host, path: string, cwd: string): ByteFile {
  const vfs = host.vfs;
  const existing = vfs.tryLookup(path, cwd);
  if (existing !== undefined) {
    if (existing.kind === "dir") throw new SysError("EISDIR");
    if (existing.kind === "file" && existing.data instanceof ImageFile) return existing.data;
    if (existing.kind !== "file" || existing.data === undefined) throw new SysError("EACCES");
  }
  const trimmed = path.replace(/\/+$/, "");
  const slash = trimmed.lastIndexOf("/");
  const parent = slash < 0 ? "." : slash === 0 ? "/" : trimmed.slice(0, slash);
  const name = trimmed.slice(slash + 1);
  const dir = vfs.realpath(parent, cwd);
  if (vfs.lookup(dir).kind !== "dir") throw new SysError("ENOTDIR");
  const data = new ImageFile();
  const node = { ...vfs.newFile("", 0o644), data };
  vfs.install(`${dir === "/" ? "" : dir}/${name}`, node);
  return data;
}
