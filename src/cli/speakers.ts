import type { SpeakerSummary } from '../store/index.js';
import { queryArgs, positiveInt } from './command-args.js';
import { openExistingStore } from './database.js';
import { UsageError, type CliIO, type Command } from './io.js';
import { formatTable } from './table.js';

const USAGE = `usage: claimtrail speakers [--top N] [--json]
       claimtrail speakers merge <into-id> <from-id>
       claimtrail speakers split <id> "<name>"

Lists speakers by number of statements. 'merge' makes two speakers one
(the second joins the first); 'split' moves the statements made under one
name form to a new speaker. Corrections hold when articles are re-ingested.

options:
      --top N      list the N most quoted (default 50)
      --db DB      a SQLite file or postgres:// URL (default: $CLAIMTRAIL_DB, else ./claimtrail.db)
      --json       print an array of { id, name, type, roles, articles, statements }
  -h, --help       show this help
`;

function speakerId(value: string | undefined, what: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${what}: expected a speaker id, got '${value ?? ''}'\n\n${USAGE}`);
  return Number(value);
}

/** Formats speakers as an aligned table. */
export function speakersTable(speakers: readonly SpeakerSummary[]): string {
  const rows = speakers.map((s) => [String(s.id), s.name, s.type, String(s.statements), String(s.articles), s.roles.join('; ')]);
  return formatTable([['ID', 'NAME', 'TYPE', 'STATEMENTS', 'ARTICLES', 'ROLES'], ...rows], { right: [0, 3, 4] });
}

/** `claimtrail speakers`: the most quoted speakers, and corrections to the linker. */
export const speakersCommand: Command = async (args: string[], io: CliIO): Promise<number> => {
  const parsed = queryArgs(args, io, USAGE, {
    top: { type: 'string', default: '50' },
  });
  if (parsed === null) return 0;
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (action !== undefined && action !== 'merge' && action !== 'split') throw new UsageError(`unknown action '${action}'\n\n${USAGE}`);
  const top = positiveInt('top', values.top, USAGE);
  const store = await openExistingStore(values.db, io);
  try {
    if (action === 'merge') {
      if (rest.length !== 2) throw new UsageError(`merge takes two speaker ids\n\n${USAGE}`);
      const into = speakerId(rest[0], 'merge');
      const from = speakerId(rest[1], 'merge');
      try {
        await store.mergeSpeakers(into, from);
      } catch (err) {
        throw new UsageError(err instanceof Error ? err.message.replace(/^store: /, '') : String(err));
      }
      const merged = await store.findSpeakers(String(into));
      io.stdout.write(values.json ? `${JSON.stringify(merged[0] ?? null)}\n` : `merged speaker ${from} into ${into}\n${speakersTable(merged)}`);
      return 0;
    }
    if (action === 'split') {
      if (rest.length !== 2) throw new UsageError(`split takes a speaker id and a name\n\n${USAGE}`);
      const id = speakerId(rest[0], 'split');
      let created: number;
      try {
        created = await store.splitSpeaker(id, rest[1]!);
      } catch (err) {
        throw new UsageError(err instanceof Error ? err.message.replace(/^store: /, '') : String(err));
      }
      const both = [...(await store.findSpeakers(String(id))), ...(await store.findSpeakers(String(created)))].filter((s) => s.id === id || s.id === created);
      io.stdout.write(values.json ? `${JSON.stringify(both)}\n` : `split '${rest[1]}' off speaker ${id} as speaker ${created}\n${speakersTable(both)}`);
      return 0;
    }
    const speakers = await store.speakers({ top });
    if (values.json) io.stdout.write(`${JSON.stringify(speakers, null, 2)}\n`);
    else io.stdout.write(speakers.length > 0 ? speakersTable(speakers) : 'no speakers\n');
    return 0;
  } finally {
    await store.close();
  }
};
