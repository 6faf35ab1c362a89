import {readFileSync} from 'node:fs'

/** The config block of the README's "Use it in your repository" section, as a user copies it. */
export function readmeConfig(): string {
  const readme = readFileSync('README.md', 'utf8')
  const block = /```yaml\n(# wiretrace\.config\.yaml[^\n]*\n[\s\S]*?)```/.exec(readme)
  if (!block) throw new Error('README has no wiretrace.config.yaml block')
  return block[1]!
}
