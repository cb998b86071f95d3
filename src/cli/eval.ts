import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CorpusError, scoreDirectories, scoreExtractor, scoreSpeakers, worstArticles } from '../eval/index.js';
import type { ArticleScores, Prf, Scores } from '../eval/index.js';
import { ATTRIBUTION_KINDS } from '../model/index.js';
import { UsageError } from './io.js';
import type { CliIO, Command } from './io.js';

const USAGE = `usage: claimtrail eval --gold DIR [--pred DIR] [--save DIR] [--json] [--worst N]

Scores attributions against gold brat annotations (DIR holds NAME.txt and NAME.ann)
with the figures of brat-eval.py: content soft and exact, attribution, cue (P/R/F1),
then recall and precision by kind and the articles with the lowest attribution F1.

options:
      --gold DIR   the gold articles and their annotations
      --pred DIR   score the NAME.ann predictions in DIR instead of running extraction
      --save DIR   also write the extraction's NAME.ann files into DIR
      --json       print JSON: brat-eval.py's keys, then by_kind and worst
      --worst N    how many of the worst articles to list (default 5)
  -h, --help       show this help
`;

interface EvalConfig {
  readonly gold: string;
  readonly pred: string | null;
  readonly save: string | null;
  readonly json: boolean;
  readonly worst: number;
}

function usage(problem: string): UsageError {
  return new UsageError(`${problem}\n\n${USAGE}`);
}

async function directory(io: CliIO, option: string, path: string): Promise<string> {
  const full = resolve(io.cwd, path);
  const info = await stat(full).catch(() => null);
  if (!info?.isDirectory()) throw usage(`--${option} ${path}: not a directory`);
  return full;
}

async function parseConfig(args: string[], io: CliIO): Promise<EvalConfig | 'help'> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        gold: { type: 'string' },
        pred: { type: 'string' },
        save: { type: 'string' },
        json: { type: 'boolean', default: false },
        worst: { type: 'string', default: '5' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw usage(err instanceof Error ? err.message : String(err));
  }
  const { gold, pred, save, json, worst, help } = parsed.values;
  if (help) return 'help';
  if (gold === undefined) throw usage('--gold DIR is required');
  if (pred !== undefined && save !== undefined) throw usage('--save writes the extraction; with --pred there is none');
  if (!/^\d+$/.test(worst)) throw usage(`--worst: expected a number, got '${worst}'`);
  return Object.freeze({
    gold: await directory(io, 'gold', gold),
    pred: pred === undefined ? null : await directory(io, 'pred', pred),
    save: save === undefined ? null : resolve(io.cwd, save),
    json,
    worst: Number(worst),
  });
}

const f4 = (x: number) => x.toFixed(4);

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  // First column left-aligned (names), the rest right-aligned (numbers).
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n');
}

function report(scores: Scores, worst: readonly ArticleScores[]): string {
  const figures: [string, Prf][] = [
    ['content_soft', scores.content_soft],
    ['content_exact', scores.content_exact],
    ['attribution', scores.attribution],
    ['cue', scores.cue],
  ];
  const kinds = ATTRIBUTION_KINDS.map((kind) => {
    const k = scores.by_kind[kind];
    return [kind, String(k.gold), String(k.gold_found), String(k.gold_correct), f4(k.recall), String(k.predicted), String(k.predicted_correct), f4(k.precision)];
  });
  const sections = [
    `${scores.articles} articles, ${scores.gold} gold attributions, ${scores.predicted} predicted`,
    table([['', 'P', 'R', 'F1'], ...figures.map(([name, f]) => [name, f4(f.p), f4(f.r), f4(f.f1)])]),
    table([['kind', 'gold', 'found', 'correct', 'recall', 'predicted', 'correct', 'precision'], ...kinds]),
  ];
  if (worst.length > 0) {
    const rows = worst.map((a) => [a.name, String(a.gold), String(a.predicted), String(a.correct), f4(a.attribution.f1)]);
    sections.push(`worst articles (lowest attribution F1)\n${table([['article', 'gold', 'predicted', 'correct', 'F1'], ...rows])}`);
  }
  return `${sections.join('\n\n')}\n`;
}

/** `claimtrail eval`: the reference scorer's figures for the extractor (or for saved predictions) on a gold corpus. */
export const evalCommand: Command = async (args, io) => {
  const config = await parseConfig(args, io);
  if (config === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  let scores: Scores;
  try {
    scores =
      config.pred !== null
        ? await scoreDirectories(config.gold, config.pred)
        : await scoreExtractor(config.gold, config.save === null ? {} : { saveDir: config.save });
  } catch (err) {
    if (!(err instanceof CorpusError)) throw err;
    io.stderr.write(`claimtrail eval: ${err.message}\n`);
    return 1;
  }
  const worst = worstArticles(scores, config.worst);
  // Where the gold directory also holds expected speakers (NAME.expected.json), score resolution too.
  const speakers = config.pred === null ? await scoreSpeakers(config.gold) : null;
  if (config.json) {
    const { per_article: _perArticle, ...figures } = scores;
    io.stdout.write(`${JSON.stringify({ ...figures, worst, ...(speakers ? { speakers } : {}) })}\n`);
  } else {
    io.stdout.write(report(scores, worst));
    if (speakers) {
      io.stdout.write(
        `\nspeakers (${speakers.checked} expected attributions found): name ${f4(speakers.nameAccuracy)}, type ${f4(speakers.typeAccuracy)}\n`,
      );
    }
  }
  return 0;
};
