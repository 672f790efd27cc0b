import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../config';

/**
 * The key that seals leadership answers while they wait in the pool (see API.md, "Threat model"). It is kept OUTSIDE
 * the database: `ANSWER_POOL_KEY`, or else a file made once, mode 600, at `${DATA_DIR}/answer-pool.key`. Someone who
 * holds the database and this key together can read pending answers; the database alone (a DBA, a backup, a replica)
 * cannot.
 */
export interface PoolKey {
  /** a fingerprint stored beside each sealed answer, so a wrong key is recognised instead of failing to decrypt */
  id: string;
  key: Buffer;
}

export const KEY_FILE = 'answer-pool.key';

const fingerprint = (key: Buffer) => createHash('sha256').update('parindex answer pool key\0').update(key).digest('hex').slice(0, 16);

function fromBase64(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where}: the answer pool key must be 32 bytes in base64 (got ${key.length} bytes)`);
  return key;
}

/**
 * Reads the key file, or creates it: written in full under a temporary name, flushed, then linked to its final name
 * (link fails if another process made it first — then that one is read). A crash never leaves a half-written key.
 */
function keyFile(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE);
  try {
    return fromBase64(readFileSync(path, 'utf8'), path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return fromBase64(readFileSync(path, 'utf8'), path);
}

/** Every key this process has loaded, by fingerprint: mixing opens each pending answer with the key that sealed it. */
const known = new Map<string, Buffer>();

export function loadPoolKey(config: Pick<AppConfig, 'answerPoolKey' | 'dataDir'>): PoolKey {
  const key = config.answerPoolKey ? fromBase64(config.answerPoolKey, 'ANSWER_POOL_KEY') : keyFile(config.dataDir);
  const id = fingerprint(key);
  known.set(id, key);
  return { id, key };
}

export const knownPoolKey = (id: string): Buffer | undefined => known.get(id);
