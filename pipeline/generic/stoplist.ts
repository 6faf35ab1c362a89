/**
 * Function words of every language stopwords-iso covers, in one set: the
 * generic stage does not need to know an article's language to see how much
 * of a line is running text (trafilatura does the same with jusText's lists).
 */
import stopwords from 'stopwords-iso/stopwords-iso.json' with {type: 'json'}
import {fold} from './config.ts'

let union: ReadonlySet<string> | undefined

/** The union of all stopwords-iso lists, folded like the words of a line. */
export function functionWords(): ReadonlySet<string> {
  union ??= new Set(Object.values(stopwords as Record<string, string[]>).flatMap((list) => list.map(fold)))
  return union
}
