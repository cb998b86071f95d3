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
