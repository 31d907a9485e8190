/**
 * Kernel error numbers as values. A model throws (or returns) a SysError with
 * the errno Linux would return; the shell turns it into a localized message
 * the way bash and coreutils print strerror(). Numbers from
 * include/uapi/asm-generic/errno-base.h and errno.h.
 */
export const errnoNumbers = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  ENXIO: 6,
  E2BIG: 7,
  ENOEXEC: 8,
  EBADF: 9,
  ECHILD: 10,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENODEV: 19,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ENFILE: 23,
  EMFILE: 24,
  ENOTTY: 25,
  EFBIG: 27,
  ENOSPC: 28,
  ESPIPE: 29,
  EROFS: 30,
  EPIPE: 32,
  EDOM: 33,
  ERANGE: 34,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ENOTEMPTY: 39,
  ELOOP: 40,
  EOPNOTSUPP: 95,
} as const;

export type Errno = keyof typeof errnoNumbers;

export class SysError extends Error {
  readonly errno: Errno;

  constructor(errno: Errno, detail?: string) {
    super(detail === undefined ? errno : `${errno}: ${detail}`);
    this.name = "SysError";
    this.errno = errno;
  }

  get code(): number {
    return errnoNumbers[this.errno];
  }
}

export function isSysError(e: unknown): e is SysError {
  return e instanceof SysError;
}
