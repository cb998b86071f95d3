/** Reading a brat-annotated corpus (PolNeAR layout) for training and evaluation scripts. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldSpan { readonly ranges: readonly [number, number][] }
export interface GoldAttribution {
  readonly content: GoldSpan | null;
  readonly cue: GoldSpan | null;
  readonly source: GoldSpan | null;
}
export interface CorpusDoc { readonly name: string; readonly text: string; readonly gold: GoldAttribution[] }

/** Parses the `E`-joined Source/Cue/Content spans of a brat `.ann`. */
export function parseAnn(ann: string): GoldAttribution[] {
  const spans = new Map<string, [number, number][]>();
  const events: Record<string, string>[] = [];
  for (const line of ann.split('\n')) {
    const t = /^(T\d+)\t(\S+) ([\d ;]+)\t/.exec(line);
    if (t) {
      spans.set(t[1]!, t[3]!.split(';').map((s) => s.trim().split(' ').map(Number) as [number, number]));
      continue;
    }
    const e = /^(E\d+)\t(.*)$/.exec(line);
    if (e) {
      const args: Record<string, string> = {};
      for (const a of e[2]!.split(/\s+/)) {
        const i = a.indexOf(':');
        if (i > 0) args[a.slice(0, i).replace(/\d+$/, '')] = a.slice(i + 1);
      }
      events.push(args);
    }
  }
  const get = (id: string | undefined): GoldSpan | null => {
    const r = id === undefined ? undefined : spans.get(id);
    return r ? { ranges: r } : null;
  };
  return events.map((e) => ({ content: get(e.Content), cue: get(e.Cue), source: get(e.Source) }));
}

/** Reads every NAME.txt with its NAME.ann in a directory. */
export function readCorpus(dir: string, limit = Infinity): CorpusDoc[] {
  const names = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().slice(0, limit);
  return names.map((n) => {
    const base = n.slice(0, -4);
    const text = readFileSync(join(dir, n), 'utf8');
    let ann = '';
    try {
      ann = readFileSync(join(dir, `${base}.ann`), 'utf8');
    } catch {
      ann = '';
    }
    return { name: base, text, gold: parseAnn(ann) };
  });
}
