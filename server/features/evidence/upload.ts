import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../errors';
import { EVIDENCE_TYPES, evidenceKindOf, type EvidenceKind } from './file-types';
import { cleanFilename } from './filename';
import type { EvidenceStorage } from './storage';

// Receiving the files of one multipart request: each file is streamed to storage as it arrives (hashed on the way,
// never held in memory), checked by its bytes, and renamed into its content-addressed place. Nothing is written to
// the database here: the route does that in one short transaction once every file is in, so a request that fails or
// is cut off leaves no rows; `discardUnreferenced` then removes the objects it put that nothing else uses.

/** Most files in one request. */
export const MAX_FILES_PER_REQUEST = 20;
const FIELD_NAMES = ['criterionCode', 'pointer', 'stage'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

export interface ReceivedFile {
  filename: string;
  kind: EvidenceKind;
  mediaType: string;
  sha256: string;
  size: number;
  key: string;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10}`;

export const tooLarge = (maxBytes: number, filename?: string) => new AppError(413, 'too_large', filename
  ? { vi: `Tệp «${filename}» lớn hơn giới hạn ${mb(maxBytes)} MB.`, en: `File “${filename}” is larger than the ${mb(maxBytes)} MB limit.` }
  : { vi: `Yêu cầu lớn hơn giới hạn (${MAX_FILES_PER_REQUEST} tệp × ${mb(maxBytes)} MB).`, en: `The request is larger than the limit (${MAX_FILES_PER_REQUEST} files × ${mb(maxBytes)} MB).` },
{ maxBytes, ...(filename ? { filename } : {}) });

const interrupted = () => new AppError(400, 'validation', { vi: 'Tải lên bị ngắt giữa chừng; không có gì được lưu.', en: 'The upload was interrupted; nothing was stored.' });

/**
 * Objects put by requests still running, by sha256: a failing request removes an object it put only when no other
 * request holds it and no row references it (checked, then unlinked, in one tick — see discardUnreferenced).
 */
const inFlight = new Map<string, number>();
const hold = (sha256: string) => inFlight.set(sha256, (inFlight.get(sha256) ?? 0) + 1);
function release(sha256: string) {
  const n = (inFlight.get(sha256) ?? 1) - 1;
  if (n <= 0) inFlight.delete(sha256);
  else inFlight.set(sha256, n);
}

/** What one request has put; `finish()` releases the holds, `discard()` also removes what nobody else needs. */
export class UploadBatch {
  readonly files: ReceivedFile[] = [];
  readonly fields: Partial<Record<FieldName, string>> = {};
  private readonly held: string[] = [];
  constructor(private readonly storage: EvidenceStorage) {}

  /** Reads every part of the request; throws (413, 415, 422, 400) with a message naming the file. */
  async receive(request: FastifyRequest, maxBytes: number): Promise<void> {
    const parts = request.parts({
      limits: { fileSize: maxBytes + 1, files: MAX_FILES_PER_REQUEST, fields: 10, fieldSize: 2000, parts: MAX_FILES_PER_REQUEST + 10, headerPairs: 100 },
    });
    try {
      for await (const part of parts) {
        if (part.type === 'field') {
          if ((FIELD_NAMES as readonly string[]).includes(part.fieldname) && typeof part.value === 'string') this.fields[part.fieldname as FieldName] = part.value;
          continue;
        }
        const shown = cleanFilename(part.filename ?? '');
        let checked: { kind: EvidenceKind; filename: string } | undefined;
        const put = await this.storage.put(part.file, {
          maxBytes,
          tooLarge: () => tooLarge(maxBytes, shown),
          inspect: async (staged) => {
            checked = await evidenceKindOf(staged, shown);
            hold(staged.sha256); // before the object is renamed into place
            this.held.push(staged.sha256);
          },
        });
        this.files.push({ ...checked!, mediaType: EVIDENCE_TYPES[checked!.kind].mediaType, sha256: put.sha256, size: put.size, key: put.key });
      }
    } catch (err) {
      throw multipartError(err, maxBytes);
    }
    if (!(await bodyComplete(request.raw))) throw interrupted();
    if (this.files.length === 0) {
      throw new AppError(422, 'validation', { vi: 'Yêu cầu không có tệp nào (trường tệp trong multipart/form-data).', en: 'The request holds no file (a file part of multipart/form-data).' });
    }
  }

  finish() {
    for (const sha of this.held.splice(0)) release(sha);
  }

  /** After a failure: removes the objects this request put that no row references and no other request holds. */
  async discard(referenced: (sha256: string) => Promise<boolean>) {
    const shas = [...new Set(this.held)];
    this.finish();
    for (const sha of shas) {
      if (await referenced(sha)) continue;
      if (inFlight.has(sha)) continue; // another request is putting the same bytes right now
      const file = this.files.find((f) => f.sha256 === sha);
      if (file) await this.storage.delete(file.key);
    }
  }
}

/** @fastify/multipart's own errors (English only) as bilingual ones; an abort as "interrupted". */
function multipartError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError(413, 'too_large', {
      vi: `Mỗi lần tải lên tối đa ${MAX_FILES_PER_REQUEST} tệp.`, en: `At most ${MAX_FILES_PER_REQUEST} files per upload.`,
    }, { maxFiles: MAX_FILES_PER_REQUEST });
  }
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
    return new AppError(422, 'validation', { vi: 'Biểu mẫu tải lên có trường không hợp lệ.', en: 'The upload form has invalid fields.' });
  }
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError(415, 'unsupported_media_type', { vi: 'Tệp phải được gửi dạng multipart/form-data.', en: 'Files must be sent as multipart/form-data.' });
  }
  const message = (err as Error).message ?? '';
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || /aborted|terminated early|Unexpected end/i.test(message)) return interrupted();
  return err;
}

/** Whether the whole request body arrived (a client that went away between two files must not have them stored). */
function bodyComplete(req: IncomingMessage): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  if (req.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); resolve(req.complete); };
    const timer = setTimeout(done, 5000);
    req.once('end', done);
    req.once('close', done);
    req.resume(); // the epilogue after the last boundary, if any
  });
}
