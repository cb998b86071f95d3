/**
 * A seeded in-place shuffle (Fisher–Yates over a linear congruential
 * generator): training visits examples in an order that changes each epoch
 * and is the same on every run, so models rebuild byte for byte.
 */
export function seededShuffle(seed: number): <T>(items: T[]) => void {
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return <T>(items: T[]): void => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
  };
}

/** Visits `count` examples by index `epochs` times, in an order {@link seededShuffle} reshuffles each epoch. */
export function seededEpochs(count: number, epochs: number, seed: number, visit: (index: number) => void): void {
  const shuffle = seededShuffle(seed);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let e = 0; e < epochs; e++) {
    shuffle(order);
    for (const k of order) visit(k);
  }
}
