import { gunzipSync, gzipSync } from 'node:zlib';
import { type LinearChain, bioAllowed } from './linear-chain.js';

/** The stored values are little-endian; typed arrays use the machine's order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const MAGIC = 0x434c5431; // "CLT1"

/**
 * Serialises a model compactly: only rows with a non-zero weight, indices
 * delta-encoded as varints, weights quantised to 16 bits, all gzipped.
 */
export function serializeModel(model: LinearChain): Buffer {
  const K = model.tags.length;
  const rows = 1 << model.bits;
  let maxAbs = 0;
  for (const v of model.weights) maxAbs = Math.max(maxAbs, Math.abs(v * model.scale));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const idx: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < rows; r++) {
    let any = false;
    for (let k = 0; k < K; k++) if (Math.round((model.weights[r * K + k]! * model.scale) / scale) !== 0) any = true;
    if (!any) continue;
    idx.push(r);
    for (let k = 0; k < K; k++) vals.push(Math.round((model.weights[r * K + k]! * model.scale) / scale));
  }
  const tagsJson = Buffer.from(JSON.stringify(model.tags));
  const varints: number[] = [];
  let prev = 0;
  for (const r of idx) {
    let d = r - prev;
    prev = r;
    while (d >= 0x80) {
      varints.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    varints.push(d);
  }
  const head = Buffer.alloc(24);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(model.bits, 4);
  head.writeUInt32LE(tagsJson.length, 8);
  head.writeUInt32LE(idx.length, 12);
  head.writeUInt32LE(varints.length, 16);
  head.writeFloatLE(scale, 20);
  const trans = Buffer.from(new Float32Array(model.transitions).buffer);
  const v = Buffer.from(Int16Array.from(vals).buffer);
  return gzipSync(Buffer.concat([head, tagsJson, trans, Buffer.from(varints), v]), { level: 9 });
}

/** Reads a model written by {@link serializeModel}. */
export function deserializeModel(data: Uint8Array): LinearChain {
  const buf = gunzipSync(data);
  if (buf.readUInt32LE(0) !== MAGIC) throw new Error('not a claimtrail tagger model');
  const bits = buf.readUInt32LE(4);
  const tagsLen = buf.readUInt32LE(8);
  const count = buf.readUInt32LE(12);
  const varLen = buf.readUInt32LE(16);
  const scale = buf.readFloatLE(20);
  let p = 24;
  const tags = JSON.parse(buf.subarray(p, p + tagsLen).toString('utf8')) as string[];
  p += tagsLen;
  const K = tags.length;
  const transitions = new Float32Array(K * K);
  for (let i = 0; i < K * K; i++) transitions[i] = buf.readFloatLE(p + i * 4);
  p += K * K * 4;
  const weights = new Int16Array((1 << bits) * K);
  const varEnd = p + varLen;
  // The rows' values, copied out at once into an aligned array (read per value, loading took twice as long).
  const values = new Int16Array(count * K);
  const bytes = new Uint8Array(values.buffer);
  bytes.set(buf.subarray(varEnd, varEnd + bytes.length));
  if (!LITTLE_ENDIAN) for (let i = 0; i < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1]!, bytes[i]!];
  let row = 0;
  for (let n = 0, v = 0; n < count; n++) {
    let d = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = buf[p++]!;
      d += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    row += d;
    for (let k = 0; k < K; k++) weights[row * K + k] = values[v++]!;
  }
  return { tags: Object.freeze(tags), bits, weights, scale, transitions, allowed: bioAllowed(tags) };
}
