/** 32-bit FNV-1a of a string: feature names become integers once per token. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines two hashes (a multiply-xorshift in the style of murmur3's finaliser): conjoined features without building strings. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Combines three hashes. */
export function mix3(a: number, b: number, c: number): number {
  return mix(mix(a, b), c);
}
