import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { RespondentGroup } from '../../db/schema';
import type { PoolKey } from './answer-pool-key';

/** What a pending answer holds once opened: the attributes it will be released with, and the answers. */
export interface PendingAnswer {
  /** null only for answers released at a close without their group */
  group: RespondentGroup | null;
  unitId: string | null;
  questionnaireId: string;
  questionnaireVersion: number;
  answers: Record<string, unknown>;
}

/**
 * Sealed answers all have the same length (4 KiB of plaintext, far more than a leadership sheet needs): a length
 * matched against a released sheet would otherwise link the two. Only a sheet of more than 4 KiB of JSON (long
 * free text) shows its size class (the next power of two).
 */
const MIN_PADDED = 4096;
const NONCE = 12;
const TAG = 16;

const paddedLength = (n: number) => {
  let size = MIN_PADDED;
  while (size < n) size *= 2;
  return size;
};

/** The campaign and key are bound in as associated data: a sealed answer cannot be moved to another campaign. */
const aad = (campaignId: string, keyId: string) => Buffer.from(`${campaignId}\0${keyId}`, 'utf8');

/** AES-256-GCM with a random nonce: nonce ‖ tag ‖ ciphertext of (length ‖ JSON ‖ zero padding). */
export function sealAnswer(key: PoolKey, campaignId: string, answer: PendingAnswer): Buffer {
  const json = Buffer.from(JSON.stringify(answer), 'utf8');
  const plain = Buffer.alloc(paddedLength(json.length + 4));
  plain.writeUInt32BE(json.length, 0);
  json.copy(plain, 4);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(aad(campaignId, key.id));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** Opens a sealed answer; throws when the key, the campaign or any byte does not match. */
export function openAnswer(key: PoolKey, campaignId: string, sealed: Buffer): PendingAnswer {
  const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.subarray(0, NONCE));
  decipher.setAAD(aad(campaignId, key.id));
  decipher.setAuthTag(sealed.subarray(NONCE, NONCE + TAG));
  const plain = Buffer.concat([decipher.update(sealed.subarray(NONCE + TAG)), decipher.final()]);
  return JSON.parse(plain.subarray(4, 4 + plain.readUInt32BE(0)).toString('utf8')) as PendingAnswer;
}
