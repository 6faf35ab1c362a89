/** Unsigned 32-bit integers appended one by one, in one typed array that grows by half as it fills. */
export class Uint32Column {
  private values = new Uint32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(Math.ceil(this.values.length * 1.5))
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = value
  }

  /** Sets a value already pushed. */
  set(index: number, value: number): void {
    if (index >= this.length) throw new RangeError(`no value ${index} in a column of ${this.length}`)
    this.values[index] = value
  }

  at(index: number): number {
    return this.values[index]!
  }
}
