import { createHash, randomBytes } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNIFF_HEAD_BYTES, type SniffSource } from './file-types';

// Where evidence bytes live: a small interface (put a stream → key; get a stream, optionally a byte range; exists;
// delete) and its disk driver under EVIDENCE_DIR. Objects are content-addressed: the key is derived from the sha256,
// so identical bytes are one object. No S3 driver: no maintained S3-compatible server can be run in this project's
// tests (no MinIO in Debian; s3rver is unmaintained) — see README.md.

/** A file fully received and hashed but not yet in the store: what `inspect` sees before it is accepted. */
export interface StagedFile extends SniffSource {
  sha256: string;
}

export interface PutOptions {
  /** more bytes than this: the put fails with `tooLarge()` as soon as the limit is passed (the rest is not read) */
  maxBytes: number;
  tooLarge: () => Error;
  /** checks the staged file (type, emptiness); throwing discards it and nothing is stored */
  inspect?: (staged: StagedFile) => Promise<void> | void;
}

export interface PutResult {
  key: string;
  sha256: string;
  size: number;
}

export interface EvidenceStorage {
  /** streams `source` into the store without holding it in memory; nothing is left behind when it fails */
  put(source: Readable, opts: PutOptions): Promise<PutResult>;
  /** the object's bytes, or bytes start..end (inclusive) of it */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** removes the object; the disk driver unlinks synchronously when called (callers decide and delete in one tick) */
  delete(key: string): Promise<void>;
  /** the object's path on this machine (the signature check's worker reads the file itself) */
  localPath(key: string): string;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;
export const keyOfSha256 = (sha256: string) => `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

/** Hashes, counts and keeps the first bytes of what flows through; fails once more than maxBytes have passed. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private headParts: Buffer[] = [];
  private headLen = 0;
  constructor(private readonly maxBytes: number, private readonly tooLarge: () => Error) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void) {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(this.tooLarge());
    this.hash.update(chunk);
    if (this.headLen < SNIFF_HEAD_BYTES) {
      const part = chunk.subarray(0, SNIFF_HEAD_BYTES - this.headLen);
      this.headParts.push(Buffer.from(part));
      this.headLen += part.length;
    }
    done(null, chunk);
  }
  head = () => Buffer.concat(this.headParts);
}

/** Files under `dir`: `blobs/ab/cd/<sha256>` (mode 600), uploads in progress in `tmp/` (renamed into place when done). */
export class DiskStorage implements EvidenceStorage {
  readonly tmpDir: string;
  private readonly blobDir: string;
  constructor(readonly dir: string) {
    this.tmpDir = join(dir, 'tmp');
    this.blobDir = join(dir, 'blobs');
  }

  private ready: Promise<void> | null = null;
  /** Makes the folders on first use and removes uploads a crash left in tmp/ (older than an hour: nobody writes them). */
  private init(): Promise<void> {
    return (this.ready ??= (async () => {
      await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
      await mkdir(this.blobDir, { recursive: true, mode: 0o700 });
      await this.removeStale();
    })());
  }

  private async removeStale() {
    const hourAgo = Date.now() - 3600_000;
    for (const name of await readdir(this.tmpDir)) {
      const p = join(this.tmpDir, name);
      const s = await stat(p).catch(() => null);
      if (s && s.mtimeMs < hourAgo) await unlink(p).catch(() => {});
    }
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`not an evidence storage key: ${key}`);
    return join(this.blobDir, key);
  }

  localPath(key: string): string {
    return this.path(key);
  }

  async put(source: Readable, opts: PutOptions): Promise<PutResult> {
    await this.init();
    const tmp = join(this.tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const meter = new Meter(opts.maxBytes, opts.tooLarge);
    // the file exists before any byte flows, so the cleanup below always finds it (no open racing an unlink)
    const out = await open(tmp, 'wx', 0o600);
    try {
      await pipeline(source, meter, out.createWriteStream());
      const sha256 = meter.hash.digest('hex');
      const size = meter.size;
      if (opts.inspect) {
        const handle = await open(tmp, 'r');
        try {
          await opts.inspect({
            sha256, size, head: meter.head(),
            async read(position, length) {
              const buf = Buffer.alloc(length);
              const { bytesRead } = await handle.read(buf, 0, length, position);
              return buf.subarray(0, bytesRead);
            },
          });
        } finally {
          await handle.close();
        }
      }
      const key = keyOfSha256(sha256);
      const final = this.path(key);
      await mkdir(join(final, '..'), { recursive: true, mode: 0o700 });
      // always rename: identical bytes replace identical bytes atomically, and the object is surely there afterwards
      await rename(tmp, final);
      return { key, sha256, size };
    } catch (err) {
      await out.close().catch(() => {}); // closed already unless the pipeline failed before its end
      await unlink(tmp).catch(() => {});
      throw err;
    }
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const p = this.path(key);
    // open first, so a missing file is an error here and not in the middle of a response
    const handle = await open(p, 'r');
    return handle.createReadStream({ autoClose: true, ...(range ?? {}) });
  }

  async exists(key: string): Promise<boolean> {
    return existsSync(this.path(key));
  }

  async delete(key: string): Promise<void> {
    try {
      unlinkSync(this.path(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  /** Files in tmp/ right now (tests: an interrupted upload leaves none). */
  async tmpFiles(): Promise<string[]> {
    return existsSync(this.tmpDir) ? readdir(this.tmpDir) : [];
  }
}
