import {detached} from './detached.ts'

/**
 * A function of a word whose answers are remembered, at most `limit` of them: the map is emptied when full. Words
 * come back line after line and article after article, so most are answered from the map; the bound keeps a long run
 * over rare words from growing it without end. A word is kept, and answered, as a copy of its own (`detached`): the
 * word as asked may be a view of a whole article's text, and so may an answer cut from it.
 */
export function boundedMemo<V extends NonNullable<unknown> | null>(limit: number, compute: (word: string) => V): (word: string) => V {
  const answers = new Map<string, V>()
  return (word) => {
    let answer = answers.get(word)
    if (answer === undefined) {
      if (answers.size >= limit) answers.clear()
      const kept = detached(word)
      answer = compute(kept)
      answers.set(kept, answer)
    }
    return answer
  }
}

/**
 * A bounded memo of each owner (a stoplist, a vocabulary) for answers that depend on the owner and the key: one
 * `boundedMemo` an owner, made when the owner is first asked about and let go with it.
 */
export function boundedMemoPer<O extends object, V extends NonNullable<unknown> | null>(
  limit: number,
  compute: (owner: O, word: string) => V
): (owner: O, word: string) => V {
  const memos = new WeakMap<O, (word: string) => V>()
  return (owner, word) => {
    let memo = memos.get(owner)
    if (!memo) {
      memo = boundedMemo(limit, (asked) => compute(owner, asked))
      memos.set(owner, memo)
    }
    return memo(word)
  }
}
