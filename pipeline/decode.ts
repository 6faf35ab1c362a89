/**
 * Stage 0: decode. Turns the file's bytes into text, or fails the file with
 * a message saying why it is not an article (empty, binary, UTF-16, invalid
 * UTF-8, too large, a line too long). It fills `file.data.input`, the facts
 * every later stage and the report read about the input.
 *
 * Failing is unified's way: `file.fail` throws, so no later stage runs on
 * text that is not an article, and the caller finds the fatal message on
 * the file.
 */
import type {Root} from 'nlcst'
import type {Plugin} from 'unified'
import {decodeInput, DEFAULT_LIMITS, InputError, type InputLimits} from '../core/decode.ts'

export interface DecodeOptions {
  limits?: InputLimits
}

export const wiretraceDecode: Plugin<[DecodeOptions?], Root> = function (options = {}) {
  const limits = options.limits ?? DEFAULT_LIMITS
  return function (_tree, file) {
    const bytes = typeof file.value === 'string' ? new TextEncoder().encode(file.value) : (file.value ?? new Uint8Array())
    try {
      const decoded = decodeInput(bytes, limits)
      file.value = decoded.text
      const path = file.path ?? 'article.txt'
      file.data.input = {id: file.data.articleId ?? path, path, sha256: decoded.sha256, bytes: decoded.bytes}
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      file.fail(error.message, {ruleId: error.ruleId, source: 'wiretrace'})
    }
  }
}
