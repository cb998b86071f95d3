import { PassThrough, Writable } from 'node:stream';
import { main } from '../cli/index.js';
import type { CliIO } from '../cli/index.js';

/** A writable stream that keeps what is written, optionally posing as a terminal. */
export class BufferStream extends Writable {
  readonly chunks: string[] = [];
  isTTY: boolean;
  columns = 80;

  constructor(isTTY = false) {
    super({ decodeStrings: false });
    this.isTTY = isTTY;
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(String(chunk));
    done();
  }

  /** Everything written so far. */
  text(): string {
    return this.chunks.join('');
  }
}

/** Options for {@link bufferIO} and {@link runCli}. */
export interface BufferIOOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdoutTTY?: boolean;
  readonly stderrTTY?: boolean;
  /** A stream to use as stdout instead of a buffer (to test backpressure or a closed pipe). */
  readonly stdout?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** CLI streams backed by buffers, for running commands in process with `main([...], io)`. */
export function bufferIO(options: BufferIOOptions = {}): { io: CliIO; stdout: BufferStream; stderr: BufferStream } {
  const { cwd = process.cwd(), env = {}, stdoutTTY = false, stderrTTY = false } = options;
  const stdout = new BufferStream(stdoutTTY);
  const stderr = new BufferStream(stderrTTY);
  return { io: { stdout: options.stdout ?? stdout, stderr, stdin: new PassThrough(), cwd, env }, stdout, stderr };
}

/** Runs `claimtrail ARGS` in process; resolves to its exit code and what it wrote. */
export async function runCli(args: string[], options: BufferIOOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = bufferIO(options);
  const code = await main(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
