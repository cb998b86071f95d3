import type { Tokens } from './tokenize.js';

/** Quote regions over tokens: which tokens lie inside double quotation marks. */
export interface Quotes {
  /** Region number of each token inside quotes (marks included), or -1. */
  readonly region: Int32Array;
  /** 1 for an opening mark, 2 for a closing mark, 0 otherwise. */
  readonly mark: Int8Array;
  /** First and last token (inclusive) of each region. */
  readonly regionStart: Int32Array;
  readonly regionEnd: Int32Array;
  /** Whether a region ran to its paragraph's end unclosed and the next paragraph reopens it. */
  readonly continues: Uint8Array;
}

const OPEN = 1;
const CLOSE = 2;

/**
 * Finds quote regions. Curly marks say which way they face; a straight mark
 * toggles. A region never crosses a paragraph: wire style opens every
 * paragraph of a long quote and closes only the last, so an unclosed region
 * at a paragraph's end is closed there and marked as continuing when the
 * next paragraph opens with a mark.
 */
export function findQuotes(tokens: Tokens): Quotes {
  const n = tokens.count;
  const region = new Int32Array(n).fill(-1);
  const mark = new Int8Array(n);
  const rs: number[] = [];
  const re: number[] = [];
  const cont: number[] = [];
  let open = -1; // current region id
  let openPara = -1;
  const close = (last: number): void => {
    re[open] = last;
    open = -1;
  };
  for (let i = 0; i < n; i++) {
    const w = tokens.word[i]!;
    const para = tokens.paragraph[i]!;
    if (open >= 0 && para !== openPara) {
      close(i - 1);
      cont[rs.length - 1] = w === '“' || w === '"' ? 1 : 0;
    }
    let isOpen = false;
    let isClose = false;
    if (w === '“') isOpen = true;
    else if (w === '”') isClose = true;
    else if (w === '"') {
      if (open >= 0) isClose = true;
      else isOpen = true;
    }
    if (isOpen) {
      if (open >= 0) close(i - 1);
      open = rs.length;
      openPara = para;
      rs.push(i);
      re.push(i);
      cont.push(0);
      region[i] = open;
      mark[i] = OPEN;
    } else if (isClose) {
      mark[i] = CLOSE;
      if (open >= 0) {
        region[i] = open;
        close(i);
      }
    } else if (open >= 0) {
      region[i] = open;
    }
  }
  if (open >= 0) close(n - 1);
  return {
    region,
    mark,
    regionStart: Int32Array.from(rs),
    regionEnd: Int32Array.from(re),
    continues: Uint8Array.from(cont),
  };
}
