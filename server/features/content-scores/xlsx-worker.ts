// Worker thread entry (started by xlsx-reader.ts): reads one XLSX file per message and answers with its TSV text or
// the refusal. A heavy or hostile file costs this thread — its heap is capped, it is terminated on timeout — never
// the server's event loop.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../errors';
import type { XlsxLimits } from './xlsx-limits';
import { xlsxToTsv } from './xlsx';

export type XlsxJob = { data: Uint8Array; limits: XlsxLimits; cellBreak?: string };
export type XlsxAnswer =
  | { ok: true; tsv: string }
  | { ok: false; statusCode: number; code: AppError['code']; messages: { vi: string; en: string }; details?: unknown }
  | { ok: false; statusCode: 500 };

parentPort?.on('message', async ({ data, limits, cellBreak }: XlsxJob) => {
  let answer: XlsxAnswer;
  try {
    answer = { ok: true, tsv: await xlsxToTsv(Buffer.from(data.buffer, data.byteOffset, data.byteLength), limits, cellBreak) };
  } catch (err) {
    answer = err instanceof AppError
      ? { ok: false, statusCode: err.statusCode, code: err.code, messages: err.messages, details: err.details }
      : { ok: false, statusCode: 500 };
  }
  parentPort?.postMessage(answer);
});
parentPort?.postMessage('ready');
