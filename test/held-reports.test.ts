/** The budget of reports a run holds for its link step: taken and given back by every thread, never overdrawn. */
import {describe, expect, it} from 'vitest'
import {HeldReports, heldRoom, takeRoom} from '../run/held-reports.ts'

describe('held reports', () => {
  it('holds a report while the budget has room for its UTF-8 bytes, and none past it', () => {
    const room = heldRoom(4 * 1024)
    // 1,500 characters of Arabic are 3,000 bytes: a kibibyte more than their length says.
    const arabic = takeRoom(room, 'ب'.repeat(1_500))
    expect(arabic?.length).toBe(3_000)
    expect(takeRoom(room, 'x'.repeat(1_500))).toBeUndefined()
    expect(takeRoom(room, 'x'.repeat(1_000))?.length).toBe(1_000)
    expect(takeRoom(room, 'x')).toBeUndefined()
    expect(room[0]).toBe(0)
  })

  it('gives the room back as each report is let go, and reads a report back as it was serialised', () => {
    const held = new HeldReports(heldRoom(2 * 1024))
    const json = '{"title":"Kremlin ingin dialog — Рамзан"}\n'
    held.hold('a', takeRoom(held.room, json)!)
    expect(held.text('a')).toBe(json)
    expect(takeRoom(held.room, 'x'.repeat(1_500))).toBeUndefined()
    expect(new TextDecoder().decode(held.release('a'))).toBe(json)
    expect(held.text('a')).toBeUndefined()
    expect(held.release('a')).toBeUndefined()
    held.hold('b', takeRoom(held.room, 'x'.repeat(1_000))!)
    // Held again (an article given twice), the report replaces the first and its room comes back.
    held.hold('b', takeRoom(held.room, 'y'.repeat(100))!)
    expect(room(held)).toBe(1)
    expect(held.text('b')).toBe('y'.repeat(100))
    expect([...held.drain()].map(([id]) => id)).toEqual(['b'])
    expect(room(held)).toBe(2)
  })

  it('holds nothing with a budget of 0', () => {
    expect(takeRoom(heldRoom(0), '{}')).toBeUndefined()
  })
})

function room(held: HeldReports): number {
  return held.room[0]!
}
