// The signature check of uploaded evidence, off the request's event loop (issue 13): worker threads with a capped
// heap and a time limit read the stored file and check it (worker.ts → check-pdf.ts), like XLSX imports
// (content-scores/xlsx-reader.ts). Unlike those, a worker that answered is kept for the next file (booting one costs
// seconds: tsx and pkijs load), at most `concurrency` of them; a worker that timed out, ran out of heap or crashed is
// terminated and replaced. A file that takes too long or too much memory is not an error of the upload: it is stored
// with status `error` and the reason. The file's bytes (a Buffer) live outside the capped V8 heap: their bound is
// `maxBytes`, which is at least the upload limit.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EvidenceKind } from '../file-types';
import { checkError, notApplicable, type SignatureCheck } from './types';
import type { SignatureAnswer, SignatureJob } from './worker';

const require = createRequire(import.meta.url);
const WORKER_FILE = fileURLToPath(new URL('./worker.ts', import.meta.url));
// The server runs TypeScript through tsx; a worker thread does not inherit its loader, so it registers tsx first.
const BOOT = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(WORKER_FILE)});`;

export interface SignatureCheckLimits {
  /** a check taking longer is stopped: status error, `time_limit` */
  timeLimitMs: number;
  /** the worker's heap; a file needing more: status error, `memory_limit` */
  workerMemoryMb: number;
  /** larger files are not read: status error, `too_large` */
  maxBytes: number;
  /** files checked at once (each worker holds the file and tens of MB) */
  concurrency: number;
}

export const DEFAULT_SIGNATURE_LIMITS: SignatureCheckLimits = { timeLimitMs: 30_000, workerMemoryMb: 256, maxBytes: 100 * 1024 * 1024, concurrency: 2 };

interface Spare {
  worker: Worker;
  ready: Promise<void>;
}

export class SignatureChecker {
  private readonly idle: Spare[] = [];
  private closed = false;
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limits: SignatureCheckLimits = DEFAULT_SIGNATURE_LIMITS) {}

  private start(): Spare {
    const worker = new Worker(BOOT, {
      eval: true,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.limits.workerMemoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, this.limits.workerMemoryMb / 8)) },
    });
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('signature worker exited before it was ready')));
    });
    ready.catch(() => undefined); // a spare that failed to boot is noticed by the job that takes it
    return { worker, ready };
  }

  private take(): Spare {
    return this.idle.pop() ?? this.start();
  }

  /** The check of the stored file at `path` of kind `kind` (non-PDF: not_applicable). Never throws. */
  async check(path: string, kind: EvidenceKind): Promise<SignatureCheck> {
    if (kind !== 'pdf') return notApplicable();
    if (this.running >= this.limits.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    const spare = this.take();
    let reusable = false;
    try {
      await spare.ready;
      const answer = await this.run(spare.worker, { path, maxBytes: this.limits.maxBytes });
      reusable = answer.reusable;
      return answer.result;
    } catch {
      return checkError('check_failed');
    } finally {
      if (reusable && !this.closed) this.idle.push(spare);
      else void spare.worker.terminate();
      this.running--;
      this.queue.shift()?.();
    }
  }

  private run(worker: Worker, job: SignatureJob): Promise<{ result: SignatureCheck; reusable: boolean }> {
    return new Promise((resolve) => {
      const listeners: [string, (...args: any[]) => void][] = []; // the listeners of the Worker events, removed when done
      const on = (event: string, fn: (...args: any[]) => void) => {
        listeners.push([event, fn]);
        worker.once(event, fn);
      };
      const done = (result: SignatureCheck, reusable = false) => {
        clearTimeout(timer);
        for (const [event, fn] of listeners) worker.off(event, fn);
        resolve({ result, reusable });
      };
      const timer = setTimeout(() => done(checkError('time_limit')), this.limits.timeLimitMs);
      on('message', (answer: SignatureAnswer) => done(answer.ok ? answer.result : checkError('check_failed'), answer.ok));
      on('error', (err: Error & { code?: string }) => done(checkError(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory_limit' : 'check_failed')));
      on('exit', () => done(checkError('check_failed')));
      worker.postMessage(job);
    });
  }

  /** Ends the idle workers (app close); running checks end with their worker. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((s) => s.worker.terminate()));
  }
}
