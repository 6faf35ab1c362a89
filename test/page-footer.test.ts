/**
 * A page's footer leaves the article alone. Scraped pages end with a
 * copyright line more often than not, and an article whose stored copy was
 * cut short ends on a paragraph without its full stop, which is body only
 * where the copy ends. Every real article of corpus2 and xlang, run with a
 * copyright line appended, keeps each of its own blocks' role and agencies.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect, it} from 'vitest'
import type {Report} from '../pipeline/report-schema.ts'
import {reportFor} from './helpers/pipeline.ts'

const FOLDERS = ['test/fixtures/corpus2', 'test/fixtures/xlang']
const FOOTER = 'Copyright © 2025 Example Media Group. All rights reserved.'

const decisions = (report: Report) => report.blocks.map((block) => `${block.role} ${block.sources.map((source) => source.agency).join('+')} ${block.text}`)

it('keeps every block of every real article as it was when the page adds a copyright line', () => {
  const differing: string[] = []
  const articles = FOLDERS.flatMap((folder) => readdirSync(folder).map((name) => join(folder, name)))
  for (const path of articles.filter((name) => name.endsWith('.txt'))) {
    const text = readFileSync(path, 'utf8')
    const alone = decisions(reportFor(text, path))
    const withFooter = reportFor(`${text.trimEnd()}\n\n${FOOTER}\n`, path)
    expect(withFooter.blocks.at(-1)).toMatchObject({text: FOOTER, role: 'meta'})
    if (JSON.stringify(decisions(withFooter).slice(0, alone.length)) !== JSON.stringify(alone)) differing.push(path)
  }
  expect(articles.length).toBeGreaterThanOrEqual(80)
  expect(differing).toEqual([])
})
