// XLSX files are read off the request's event loop: the zip directory is checked here (microseconds), then one
// worker thread per file, with a capped heap and a time limit, does the inflating and parsing (xlsx-worker.ts).
// A worker reads one file and is thrown away, so its memory goes with it; a spare is started in advance so a
// request does not wait for a thread to boot.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors';
import { checkZipDirectory, xlsxTooLarge, type XlsxLimits } from './xlsx-limits';
import type { XlsxAnswer } from './xlsx-worker';

const require = createRequire(import.meta.url);
const WORKER_FILE = fileURLToPath(new URL('./xlsx-worker.ts', import.meta.url));
// The server runs TypeScript through tsx; a worker thread does not inherit its loader, so it registers tsx first.
const BOOT = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(WORKER_FILE)});`;

/** Files read at once; more wait their turn (each worker holds tens of MB, and the machine may have 2 cores). */
export const MAX_CONCURRENT_XLSX = 2;

interface Spare {
  worker: Worker;
  ready: Promise<void>;
}

export class XlsxReader {
  private spare: Spare | null = null;
  private closed = false;
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limits: XlsxLimits) {}

  private start(): Spare {
    const worker = new Worker(BOOT, {
      eval: true,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.limits.workerMemoryMb, maxYoungGenerationSizeMb: Math.min(64, this.limits.workerMemoryMb / 4) },
    });
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('XLSX worker exited before it was ready')));
    });
    ready.catch(() => undefined); // a spare that failed to boot is noticed by the job that takes it
    return { worker, ready };
  }

  /** The spare worker (started now if there is none), and a new spare started for the next file. */
  private take(): Spare {
    const taken = this.spare ?? this.start();
    this.spare = this.closed ? null : this.start();
    return taken;
  }

  /**
   * The first worksheet as TSV text, or 400/413 (vi/en) for a damaged file or one over the limits. Line breaks
   * inside a cell become `cellBreak` (default a space).
   */
  async toTsv(data: Buffer, cellBreak?: string): Promise<string> {
    checkZipDirectory(data, this.limits);
    if (this.running >= MAX_CONCURRENT_XLSX) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    const { worker, ready } = this.take();
    try {
      await ready;
      return await this.run(worker, data, cellBreak);
    } finally {
      void worker.terminate();
      this.running--;
      this.queue.shift()?.();
    }
  }

  private run(worker: Worker, data: Buffer, cellBreak?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(xlsxTooLarge(
          { vi: `đọc tệp mất hơn ${this.limits.timeLimitMs / 1000} giây.`, en: `reading it took more than ${this.limits.timeLimitMs / 1000} s.` },
          { timeLimitMs: this.limits.timeLimitMs },
        ));
      }, this.limits.timeLimitMs);
      const done = () => clearTimeout(timer);
      worker.once('message', (answer: XlsxAnswer) => {
        done();
        if (answer.ok) resolve(answer.tsv);
        else if (!('code' in answer)) reject(new Error('XLSX worker failed'));
        else reject(new AppError(answer.statusCode, answer.code, answer.messages, answer.details));
      });
      worker.once('error', (err: Error & { code?: string }) => {
        done();
        reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? xlsxTooLarge(
            { vi: `đọc tệp cần hơn ${this.limits.workerMemoryMb} MB bộ nhớ.`, en: `reading it needs more than ${this.limits.workerMemoryMb} MB of memory.` },
            { workerMemoryMb: this.limits.workerMemoryMb },
          )
          : err);
      });
      worker.once('exit', () => {
        done();
        reject(new Error('XLSX worker exited'));
      });
      worker.postMessage({ data, limits: this.limits, ...(cellBreak !== undefined && { cellBreak }) });
    });
  }

  /** Ends the spare worker (app close). */
  async close(): Promise<void> {
    this.closed = true;
    const spare = this.spare;
    this.spare = null;
    await spare?.worker.terminate();
  }
}
