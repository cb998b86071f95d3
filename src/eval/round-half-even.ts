/**
 * Rounds like Python's `round(x, digits)`: to the nearest decimal of the
 * exact binary value, and an exact tie to the even neighbour. The reference
 * scorer rounds this way; `toFixed` alone would round ties up (1/32 → 0.0313
 * where Python gives 0.0312).
 */
export function roundHalfEven(x: number, digits: number): number {
  // A double is an exact tie at `digits` decimals only if it is an odd multiple of 2^-(digits+1).
  const scaled = x * 2 ** (digits + 1);
  if (Number.isInteger(scaled) && Math.abs(scaled % 2) === 1) {
    const below = Math.floor(x * 10 ** digits);
    return (below % 2 === 0 ? below : below + 1) / 10 ** digits;
  }
  return Number(x.toFixed(digits));
}
