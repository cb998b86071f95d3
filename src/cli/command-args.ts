import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIO } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>>;

/** Parses a command's arguments; a parse error becomes a usage error carrying the command's help. */
export function commandArgs<O extends Options>(
  args: string[],
  options: O,
  usage: string,
): Parsed<O> {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
  }
}

const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const satisfies Options;

/** The options every query command takes besides its own. */
const QUERY_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies Options;

/** Parses a command's arguments with `-h, --help` added; null once `--help` has printed the usage. */
export function commandArgsOrHelp<O extends Options>(args: string[], io: CliIO, usage: string, options: O): Parsed<typeof HELP & O> | null {
  const parsed = commandArgs(args, { ...HELP, ...options }, usage);
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(usage);
    return null;
  }
  return parsed;
}

/** Parses a query command's arguments: its own options with `--db`, `--json` and `-h`; null after `--help`. */
export function queryArgs<O extends Options>(args: string[], io: CliIO, usage: string, options?: O): Parsed<typeof HELP & typeof QUERY_OPTIONS & O> | null {
  return commandArgsOrHelp(args, io, usage, { ...QUERY_OPTIONS, ...(options ?? ({} as O)) });
}

/** A positive whole number option, or a usage error naming it. */
export function positiveInt(name: string, value: string, usage: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--${name}: expected a positive whole number, got '${value}'\n\n${usage}`);
  return Number(value);
}

/** A whole number option that may be 0, or a usage error naming it. */
export function nonNegativeInt(name: string, value: string, usage: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name}: expected a whole number, got '${value}'\n\n${usage}`);
  return Number(value);
}

/** A `YYYY-MM-DD` date option, or a usage error naming it. */
export function dateOption(name: string, value: string | undefined, usage: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`--${name}: expected a date YYYY-MM-DD, got '${value}'\n\n${usage}`);
  return value;
}
