/** mulberry32: a small seeded PRNG, so training is reproducible without Math.random. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of `array[from..]` in place. */
export function shuffleTail(array: Int32Array, from: number, random: () => number): void {
  for (let i = array.length - 1; i > from; i--) {
    const j = from + Math.floor(random() * (i - from + 1));
    const t = array[i]!;
    array[i] = array[j]!;
    array[j] = t;
  }
}
