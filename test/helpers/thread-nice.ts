import {readFileSync} from 'node:fs'

/** The calling thread's nice value (Linux), from its own stat line: the 19th field, the 17th after the command's name. */
export function threadNice(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
}
