/**
 * What a `wiretrace` exit code means, for every command, so that CI can tell
 * a verdict from a crash:
 *
 * - 0: clean (every article reported, the policy passed, every example held);
 * - 1: a verdict: an article failed (bad input, a rule out of time) or a
 *   `check` policy failed, or a `rules test` example, or `rules check` found errors;
 * - 2: usage or configuration error: an unknown option, an input that
 *   matches nothing, a malformed rule or config file;
 * - 3: wiretrace could not run: the disk is full or read-only, a folder is
 *   unreadable, the index is corrupt or unreachable. Nothing was judged.
 */
export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2
export const EXIT_CANNOT_RUN = 3

/** Why the operating system refused, in words, for the error codes a run can meet. */
const SYSTEM_CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted (an immutable or protected file?)',
  ELOOP: 'a loop of symbolic links',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a path component is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  EIO: 'an input/output error (a failing disk?)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR_WRITE: 'the index could not be written (disk full or failing?)',
  SQLITE_IOERR: 'an input/output error on the index (disk full or failing?)',
  SQLITE_READONLY: 'the index is read-only',
  SQLITE_CANTOPEN: 'the index cannot be opened',
  SQLITE_CORRUPT: 'the index file is corrupt',
  SQLITE_NOTADB: 'the index file is not an SQLite database',
  SQLITE_BUSY: 'the index is locked by another process'
}

/** Any `postgres://user:password@…` in a text, with the password replaced. */
export function redactCredentials(text: string): string {
  return text.replace(/\b(postgres(?:ql)?:\/\/[^:@/\s]*):[^@\s]*@/gi, '$1:***@').replace(/(\bpassword=)[^\s&]+/gi, '$1***')
}

/**
 * Control and formatting characters of a name made visible, so a printed
 * name is one line and cannot pose as output of another kind: a file named
 * `x\n::error::…` cannot start a GitHub Actions workflow command, nor can one
 * named `::error::…` (or `##[…]`), which gets `./` in front.
 */
export function printable(name: string): string {
  const escaped = visibleControls(name)
  return /^(?:::|##\[)/.test(escaped) ? `./${escaped}` : escaped
}

/** Control and formatting characters written as escapes (`\n`, `\u{1b}`): the text stays on one line and sends no terminal codes. */
export function visibleControls(text: string): string {
  const named: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (char) => named[char] ?? `\\u{${char.codePointAt(0)!.toString(16)}}`)
}

/** One line for an error that stopped a run: the path, the cause in words, credentials redacted. */
export function describeFailure(error: unknown): string {
  const err = error as NodeJS.ErrnoException & {code?: unknown}
  const code = typeof err?.code === 'string' ? err.code : undefined
  const cause = code ? (SYSTEM_CAUSES[code] ?? SYSTEM_CAUSES[code.replace(/_[A-Z]+$/, '')]) : undefined
  const message = error instanceof Error ? error.message : String(error)
  const path = typeof err?.path === 'string' ? printable(err.path) : undefined
  const text = cause ? `${path ? `${path}: ` : ''}${cause}${code ? ` (${code})` : ''}${path ? '' : `: ${message}`}` : message
  return visibleControls(redactCredentials(text.split(/\r?\n/)[0]!))
}

/** wiretrace could not run (exit code 3): the message is one line naming the path and the cause. */
export class CannotRunError extends Error {
  override name = 'CannotRunError'
}
