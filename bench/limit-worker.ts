/** One thread of a limit run: reads its share of the files and parses them (or splits them into words), nothing else. */
import {readFileSync} from 'node:fs'
import {parentPort, workerData} from 'node:worker_threads'
import retextLatin from 'retext-latin'
import {unified} from 'unified'
import type {LimitMessage, LimitTask} from './limits.ts'

const task = workerData as LimitTask
const post = (message: LimitMessage) => parentPort!.postMessage(message)
const parser = unified().use(retextLatin).freeze()

parentPort!.once('message', () => {
  let words = 0
  for (const path of task.files) {
    const text = readFileSync(path, 'utf8')
    if (task.mode === 'parse') parser.parse(text)
    else words += splitWords(text).length
  }
  post({type: 'done', articles: task.files.length, words})
})
post({type: 'ready'})

/** The cheapest honest word split: one pass over the UTF-16 units, a word being a run of anything but white space and ASCII punctuation. */
function splitWords(text: string): string[] {
  const words: string[] = []
  let start = -1
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 32
    const inWord =
      code > 0x7f
        ? code !== 0xa0 && !(code >= 0x2000 && code <= 0x206f) && code !== 0x3000
        : (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
    if (inWord && start === -1) start = index
    else if (!inWord && start !== -1) {
      words.push(text.slice(start, index))
      start = -1
    }
  }
  return words
}
