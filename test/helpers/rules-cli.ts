/** Runs the wiretrace CLI in-process and captures what it prints. */
import {vi} from 'vitest'
import {main} from '../../cli/wiretrace.ts'

export async function cli(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  try {
    return {code: await main(args), stdout, stderr}
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}
