/**
 * A syndicated corpus for the browser test: a few real articles (the seeds
 * and the shared corpus), each printed again and again as outlets reprint
 * wire copy: about half the copies word for word, the rest with light
 * edits (a word dropped, a word replaced, a paragraph left out). It is the
 * shape that strains the pages: every story has dozens of copies.
 * Deterministic: the same stories and count give the same files.
 */
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {random} from '../../bench/generate.ts'

/** Lines long enough to be body paragraphs: the ones an outlet edits. */
const EDITABLE_CHARS = 120

function lightlyEdited(text: string, next: () => number): string {
  const lines = text.split('\n')
  const editable = lines.map((line, index) => (line.length > EDITABLE_CHARS ? index : -1)).filter((index) => index >= 0)
  const edits = 1 + Math.floor(next() * 3)
  for (let count = 0; count < edits && editable.length > 0; count++) {
    const target = editable[Math.floor(next() * editable.length)]!
    const words = lines[target]!.split(' ')
    const at = 1 + Math.floor(next() * (words.length - 2))
    const kind = next()
    if (kind < 0.4) words.splice(at, 1)
    else if (kind < 0.8) words[at] = words[Math.floor(next() * words.length)]!
    else if (editable.length > 3) {
      lines[target] = ''
      continue
    }
    lines[target] = words.join(' ')
  }
  return lines.join('\n')
}

/**
 * Writes `stories × copies` articles under `dir`: `story-NN/copy-NNN.txt`,
 * copy 000 being the real article as printed. Returns the article ids.
 */
export function writeSyndicatedCorpus(dir: string, sources: string[], copies: number): string[] {
  const next = random(20_240_622)
  const ids: string[] = []
  for (const [story, source] of sources.entries()) {
    const original = readFileSync(source, 'utf8')
    const folder = `story-${String(story).padStart(2, '0')}`
    mkdirSync(join(dir, folder), {recursive: true})
    for (let copy = 0; copy < copies; copy++) {
      const id = `${folder}/copy-${String(copy).padStart(3, '0')}.txt`
      writeFileSync(join(dir, id), copy === 0 || next() < 0.5 ? original : lightlyEdited(original, next))
      ids.push(id)
    }
  }
  return ids
}

/** The real articles a syndicated corpus is made from: every seed and every article of the shared corpus. */
export function realArticles(): string[] {
  const from = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.txt')).sort().map((name) => join(folder, name))
  return [...from('seeds'), ...from('test/fixtures/corpus')]
}
