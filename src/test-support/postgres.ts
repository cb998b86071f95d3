import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A PostgreSQL server for tests: where to reach it, and how to make a fresh database in it. */
export interface TestPostgres {
  /** A URL of the server's `postgres` database (for admin statements). */
  readonly url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops a cluster this helper started (nothing for `CLAIMTRAIL_TEST_PG`). */
  stop(): Promise<void>;
}

/** The directory of PostgreSQL's server binaries (Debian puts them under /usr/lib/postgresql/N/bin), or null. */
function serverBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

/** Why PostgreSQL tests skip here, or null when they can run. */
export function postgresMissing(): string | null {
  if (process.env['CLAIMTRAIL_TEST_PG']) return null;
  if (serverBinaries() === null) {
    return 'skipped: no PostgreSQL server here (apt-get install -y postgresql, or set CLAIMTRAIL_TEST_PG=postgres://… to a server the tests may create databases in)';
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a server binary as the `postgres` user when we are root (initdb refuses root), else as ourselves. */
function runAs(user: { uid: number; gid: number } | null, bin: string, args: readonly string[]): void {
  const run = user ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${run.stderr || run.stdout}`);
}

let counter = 0;

function withDatabases(url: string, stop: () => Promise<void>): TestPostgres {
  return {
    url,
    async createDatabase() {
      const name = `claimtrail_test_${process.pid}_${Date.now().toString(36)}_${++counter}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop,
  };
}

/**
 * A throwaway PostgreSQL for a test file: the server at `CLAIMTRAIL_TEST_PG`
 * if set, else a new cluster (initdb + pg_ctl) in a temporary directory on a
 * free loopback port, with fsync off since nothing in it must outlive the
 * test. `stop` removes the cluster.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env['CLAIMTRAIL_TEST_PG'];
  if (given) return withDatabases(given, async () => undefined);
  const bin = serverBinaries();
  if (bin === null) throw new Error(postgresMissing()!);
  const root = process.getuid?.() === 0;
  const user = root ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) } : null;
  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  runAs(user, join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  runAs(user, join(bin, 'pg_ctl'), [
    '-D', data, '-l', join(dir, 'log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  let stopped = false;
  const stopNow = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test process that ends without stopping it (a crash) must not leave a server running.
  process.once('exit', stopNow);
  const stop = async (): Promise<void> => {
    process.off('exit', stopNow);
    stopNow();
  };
  return withDatabases(`postgres://postgres@127.0.0.1:${port}/postgres`, stop);
}
