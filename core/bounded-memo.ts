/**
 * A function of one argument whose answers are remembered, at most `limit` of them: the map is emptied when full.
 * Words come back line after line and article after article, so most are answered from the map; the bound keeps a
 * long run over rare words from growing it without end.
 */
export function boundedMemo<K, V extends NonNullable<unknown> | null>(limit: number, compute: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>()
  return (key) => {
    let answer = answers.get(key)
    if (answer === undefined) {
      if (answers.size >= limit) answers.clear()
      answer = compute(key)
      answers.set(key, answer)
    }
    return answer
  }
}

/**
 * A bounded memo of each owner (a stoplist, a vocabulary) for answers that depend on the owner and the key: one
 * `boundedMemo` an owner, made when the owner is first asked about and let go with it.
 */
export function boundedMemoPer<O extends object, K, V extends NonNullable<unknown> | null>(
  limit: number,
  compute: (owner: O, key: K) => V
): (owner: O, key: K) => V {
  const memos = new WeakMap<O, (key: K) => V>()
  return (owner, key) => {
    let memo = memos.get(owner)
    if (!memo) {
      memo = boundedMemo(limit, (asked: K) => compute(owner, asked))
      memos.set(owner, memo)
    }
    return memo(key)
  }
}
