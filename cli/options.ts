/** Argument parsers the commands share. */
import {InvalidArgumentError} from 'commander'

/** A whole number above zero (`--workers 2`, `--max-bytes 1048576`). */
export function positiveInteger(value: string): number {
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number <= 0) throw new InvalidArgumentError('expected a positive whole number')
  return number
}

/** Collects a repeatable option (`-r a -r b`) into a list. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}
