import { SysError } from "../core/errno";
import { SparseFile, type ByteFile } from "../core/bytes";

/**
 * The simulated host's file tree. Ordinary files hold bytes; kernel interface
 * files (/proc, /sys, cgroupfs) are backed by model state: every read asks the
 * model for its current text, every write goes straight to the model and fails
 * with the errno the kernel would return.
 */

export type NodeKind = "dir" | "file" | "symlink" | "chardev" | "blockdev";

interface NodeBase {
  readonly ino: number;
  mode: number;
  mtimeUs: number;
}

export interface DirNode extends NodeBase {
  readonly kind: "dir";
  /** Static children. */
  readonly children: Map<string, Node>;
  /** Children computed on demand (pids in /proc, groups in cgroupfs). */
  provider?: DirProvider;
}

export interface DirProvider {
  list(): string[];
  lookup(name: string): Node | undefined;
  /** mkdir inside this directory (cgroupfs). Absent: EPERM, as on /proc. */
  mkdir?(name: string): void;
  rmdir?(name: string): void;
}

/** A regular file with contents in a byte store. */
export interface DataFileNode extends NodeBase {
  readonly kind: "file";
  readonly data: ByteFile;
  readonly generated?: undefined;
}

/** A kernel interface file: contents made by a model at read time. */
export interface GeneratedFileNode extends NodeBase {
  readonly kind: "file";
  readonly data?: undefined;
  readonly generated: {
    read(): string;
    /** One write(2) call's buffer. Throws SysError. Absent: EACCES (read-only file). */
    write?(text: string): void;
  };
}

export type FileNode = DataFileNode | GeneratedFileNode;

export interface SymlinkNode extends NodeBase {
  readonly kind: "symlink";
  /** Target, possibly computed (/proc/self). */
  readonly target: () => string;
}

export interface DeviceNode extends NodeBase {
  readonly kind: "chardev" | "blockdev";
  readonly major: number;
  readonly minor: number;
  readonly device: DeviceIo;
}

/** What reads and writes of a device file do (/dev/null, /dev/zero, /dev/sda). */
export interface DeviceIo {
  readonly size?: number;
  read(offset: number, length: number): Uint8Array;
  write(offset: number, data: Uint8Array): void;
}

export type Node = DirNode | FileNode | SymlinkNode | DeviceNode;

export interface Stat {
  readonly kind: NodeKind;
  readonly ino: number;
  readonly mode: number;
  readonly size: number;
  readonly blocks: number;
  readonly nlink: number;
  readonly mtimeUs: number;
  readonly rdev?: { major: number; minor: number };
}

/** Longest path component and path, linux/limits.h NAME_MAX and PATH_MAX. */
const nameMax = 255;
const pathMax = 4096;
/** fs/namei.c MAXSYMLINKS. */
const maxSymlinks = 40;

export class Vfs {
  #nextIno = 2;
  readonly root: DirNode;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
    this.root = this.newDir(0o755);
  }

  newDir(mode = 0o755, provider?: DirProvider): DirNode {
    const dir: DirNode = {
      kind: "dir",
      ino: this.#nextIno++,
      mode,
      mtimeUs: this.#now(),
      children: new Map(),
    };
    if (provider !== undefined) dir.provider = provider;
    return dir;
  }

  newFile(content: string | Uint8Array = "", mode = 0o644): DataFileNode {
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    return { kind: "file", ino: this.#nextIno++, mode, mtimeUs: this.#now(), data: new SparseFile(bytes) };
  }

  newGenerated(read: () => string, write?: (text: string) => void, mode?: number): GeneratedFileNode {
    return {
      kind: "file",
      ino: this.#nextIno++,
      mode: mode ?? (write === undefined ? 0o444 : 0o644),
      mtimeUs: this.#now(),
      generated: write === undefined ? { read } : { read, write },
    };
  }

  newSymlink(target: () => string): SymlinkNode {
    return { kind: "symlink", ino: this.#nextIno++, mode: 0o777, mtimeUs: this.#now(), target };
  }

  newDevice(
    kind: "chardev" | "blockdev",
    major: number,
    minor: number,
    device: DeviceIo,
    mode = 0o660,
  ): DeviceNode {
    return { kind, ino: this.#nextIno++, mode, mtimeUs: this.#now(), major, minor, device };
  }

  /** Places `node` at absolute `path`, creating parent directories. For building the host. */
  install(path: string, node: Node): void {
    const parts = splitPath(path);
    const name = parts.pop();
    if (name === undefined) throw new SysError("EEXIST");
    let dir = this.root;
    for (const part of parts) {
      let next = dir.children.get(part);
      if (next === undefined) {
        next = this.newDir();
        dir.children.set(part, next);
      }
      if (next.kind !== "dir") throw new SysError("ENOTDIR");
      dir = next;
    }
    dir.children.set(name, node);
  }

  /** Resolves `path` against `cwd`. `followLast` false: lstat semantics. */
  lookup(path: string, cwd = "/", followLast = true): Node {
    return this.#walk(path, cwd, followLast).node;
  }

  tryLookup(path: string, cwd = "/"): Node | undefined {
    try {
      return this.lookup(path, cwd);
    } catch {
      return undefined;
    }
  }

  /** Canonical absolute path of an existing directory (for cd and pwd). */
  realpath(path: string, cwd = "/"): string {
    return this.#walk(path, cwd, true).path;
  }

  stat(path: string, cwd = "/", followLast = true): Stat {
    return statOf(this.lookup(path, cwd, followLast));
  }

  readdir(path: string, cwd = "/"): string[] {
    const node = this.lookup(path, cwd);
    if (node.kind !== "dir") throw new SysError("ENOTDIR");
    return listDir(node);
  }

  childOf(dir: DirNode, name: string): Node | undefined {
    return dir.children.get(name) ?? dir.provider?.lookup(name);
  }

  /** Whole contents of a file (or a bounded read of a device). */
  readFile(path: string, cwd = "/", limit = 1 << 20): Uint8Array {
    const node = this.lookup(path, cwd);
    return readNode(node, limit);
  }

  readText(path: string, cwd = "/"): string {
    return new TextDecoder().decode(this.readFile(path, cwd));
  }

  /**
   * open(O_WRONLY|O_CREAT|(O_TRUNC or O_APPEND)) then one write(2): what a
   * shell redirection or `tee` does.
   */
  writeFile(path: string, data: Uint8Array, cwd = "/", append = false): void {
    let node: Node;
    try {
      node = this.lookup(path, cwd);
    } catch (e) {
      if (!(e instanceof SysError) || e.errno !== "ENOENT") throw e;
      node = this.create(path, cwd);
    }
    writeNode(node, data, append, this.#now());
  }

  /** Creates an empty regular file (O_CREAT); the parent must exist. */
  create(path: string, cwd = "/"): DataFileNode {
    const { dir, name } = this.#parentOf(path, cwd);
    const existing = this.childOf(dir, name);
    if (existing !== undefined) {
      if (existing.kind === "file" && existing.data !== undefined) return existing;
      throw new SysError(existing.kind === "dir" ? "EISDIR" : "EEXIST");
    }
    if (dir.provider !== undefined && !dir.children.has(name)) {
      // Kernel filesystems (proc, sysfs, cgroupfs) do not let users create files.
      throw new SysError(dir.provider.mkdir === undefined ? "ENOENT" : "EPERM");
    }
    if (dir.mode === 0o555) throw new SysError("EACCES");
    const file = this.newFile();
    dir.children.set(name, file);
    dir.mtimeUs = this.#now();
    return file;
  }

  mkdir(path: string, cwd = "/"): void {
    const { dir, name } = this.#parentOf(path, cwd);
    if (this.childOf(dir, name) !== undefined) throw new SysError("EEXIST");
    if (dir.provider !== undefined) {
      if (dir.provider.mkdir === undefined) throw new SysError("EPERM");
      dir.provider.mkdir(name);
      return;
    }
    if (dir.mode === 0o555) throw new SysError("EACCES");
    dir.children.set(name, this.newDir());
    dir.mtimeUs = this.#now();
  }

  rmdir(path: string, cwd = "/"): void {
    const { dir, name } = this.#parentOf(path, cwd);
    if (name === ".") throw new SysError("EINVAL");
    if (name === "..") throw new SysError("ENOTEMPTY");
    const node = this.childOf(dir, name);
    if (node === undefined) throw new SysError("ENOENT");
    if (node.kind !== "dir") throw new SysError("ENOTDIR");
    if (dir.provider?.lookup(name) !== undefined && !dir.children.has(name)) {
      if (dir.provider.rmdir === undefined) throw new SysError("EPERM");
      dir.provider.rmdir(name);
      return;
    }
    if (listDir(node).length > 0) throw new SysError("ENOTEMPTY");
    if (node === this.root) throw new SysError("EBUSY");
    dir.children.delete(name);
    dir.mtimeUs = this.#now();
  }

  unlink(path: string, cwd = "/"): void {
    const { dir, name } = this.#parentOf(path, cwd);
    const node = this.childOf(dir, name);
    if (node === undefined) throw new SysError("ENOENT");
    if (node.kind === "dir") throw new SysError("EISDIR");
    if (!dir.children.has(name)) throw new SysError("EPERM");
    if (dir.mode === 0o555) throw new SysError("EACCES");
    dir.children.delete(name);
    dir.mtimeUs = this.#now();
  }

  touch(path: string, cwd = "/"): void {
    try {
      const node = this.lookup(path, cwd);
      node.mtimeUs = this.#now();
    } catch (e) {
      if (!(e instanceof SysError) || e.errno !== "ENOENT") throw e;
      this.create(path, cwd);
    }
  }

  #parentOf(path: string, cwd: string): { dir: DirNode; name: string } {
    checkLengths(path);
    const trimmed = path.replace(/\/+$/, "");
    if (trimmed === "") throw new SysError(path === "" ? "ENOENT" : "EBUSY");
    const slash = trimmed.lastIndexOf("/");
    const parentPath = slash < 0 ? "." : slash === 0 ? "/" : trimmed.slice(0, slash);
    const name = trimmed.slice(slash + 1);
    const parent = this.lookup(parentPath, cwd);
    if (parent.kind !== "dir") throw new SysError("ENOTDIR");
    return { dir: parent, name };
  }

  #walk(path: string, cwd: string, followLast: boolean, depth = 0): { node: Node; path: string } {
    checkLengths(path);
    if (path === "") throw new SysError("ENOENT");
    const start = path.startsWith("/") ? [] : splitPath(cwd);
    const stack: { node: DirNode; name: string }[] = [];
    let node: Node = this.root;
    // Re-walk cwd from the root so ".." works without parent pointers.
    const parts = [...start, ...splitPath(path)];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (node.kind !== "dir") throw new SysError("ENOTDIR");
      if (part === ".") continue;
      if (part === "..") {
        const up = stack.pop();
        node = up?.node ?? this.root;
        continue;
      }
      const child = this.childOf(node, part);
      if (child === undefined) throw new SysError("ENOENT");
      const isLast = i === parts.length - 1;
      if (child.kind === "symlink" && (!isLast || followLast || path.endsWith("/"))) {
        if (depth >= maxSymlinks) throw new SysError("ELOOP");
        const base = "/" + stack.map((s) => s.name).join("/");
        const resolved = this.#walk(child.target(), base, true, depth + 1);
        const rest = parts.slice(i + 1).join("/");
        if (rest === "") return resolved;
        return this.#walk(rest, resolved.path, followLast, depth + 1);
      }
      stack.push({ node, name: part });
      node = child;
    }
    if (path.endsWith("/") && node.kind !== "dir") throw new SysError("ENOTDIR");
    return { node, path: "/" + stack.map((s) => s.name).join("/") };
  }
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((p) => p !== "");
}

function checkLengths(path: string): void {
  if (path.length >= pathMax) throw new SysError("ENAMETOOLONG");
  for (const part of path.split("/")) {
    if (part.length > nameMax) throw new SysError("ENAMETOOLONG");
  }
}

export function listDir(dir: DirNode): string[] {
  const names = new Set(dir.children.keys());
  for (const name of dir.provider?.list() ?? []) names.add(name);
  return [...names];
}

export function statOf(node: Node): Stat {
  switch (node.kind) {
    case "dir":
      return {
        kind: "dir",
        ino: node.ino,
        mode: node.mode,
        size: 4096,
        blocks: 8,
        nlink: 2,
        mtimeUs: node.mtimeUs,
      };
    case "symlink":
      return {
        kind: "symlink",
        ino: node.ino,
        mode: node.mode,
        size: node.target().length,
        blocks: 0,
        nlink: 1,
        mtimeUs: node.mtimeUs,
      };
    case "file":
      if (node.data !== undefined) {
        return {
          kind: "file",
          ino: node.ino,
          mode: node.mode,
          size: node.data.size,
          blocks: node.data.allocatedBytes / 512,
          nlink: 1,
          mtimeUs: node.mtimeUs,
        };
      }
      // sysfs and cgroupfs files report size 4096 or 0; proc files 0.
      return {
        kind: "file",
        ino: node.ino,
        mode: node.mode,
        size: 0,
        blocks: 0,
        nlink: 1,
        mtimeUs: node.mtimeUs,
      };
    default:
      return {
        kind: node.kind,
        ino: node.ino,
        mode: node.mode,
        size: node.kind === "blockdev" ? 0 : 0,
        blocks: 0,
        nlink: 1,
        mtimeUs: node.mtimeUs,
        rdev: { major: node.major, minor: node.minor },
      };
  }
}

export function readNode(node: Node, limit = 1 << 20): Uint8Array {
  switch (node.kind) {
    case "dir":
      throw new SysError("EISDIR");
    case "symlink":
      throw new SysError("EINVAL");
    case "file":
      if (node.data !== undefined) return node.data.read(0, Math.min(node.data.size, limit));
      return new TextEncoder().encode(node.generated.read());
    default:
      return node.device.read(0, Math.min(node.device.size ?? limit, limit));
  }
}

export function writeNode(node: Node, data: Uint8Array, append: boolean, nowUs: number): void {
  switch (node.kind) {
    case "dir":
      throw new SysError("EISDIR");
    case "symlink":
      throw new SysError("EINVAL");
    case "file":
      if (node.data !== undefined) {
        if (append) node.data.write(node.data.size, data);
        else {
          node.data.truncate(0);
          node.data.write(0, data);
        }
        node.mtimeUs = nowUs;
        return;
      }
      if (node.generated.write === undefined) throw new SysError("EACCES");
      node.generated.write(new TextDecoder().decode(data));
      return;
    default:
      node.device.write(0, data);
  }
}
