// Worker thread entry (started by checker.ts): checks the signatures of one PDF per message and answers with the
// result. A heavy or hostile file costs this thread — its heap is capped and it is terminated on timeout — never the
// server's event loop. The file is read here from its stored path, so its bytes never cross into the server's heap.
import { readFileSync, statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { checkPdf } from './check-pdf';
import { checkError, type SignatureCheck } from './types';

export type SignatureJob = { path: string; maxBytes: number };
export type SignatureAnswer = { ok: true; result: SignatureCheck } | { ok: false };

parentPort?.on('message', async ({ path, maxBytes }: SignatureJob) => {
  let answer: SignatureAnswer;
  try {
    answer = { ok: true, result: statSync(path).size > maxBytes ? checkError('too_large') : await checkPdf(readFileSync(path)) };
  } catch {
    answer = { ok: false };
  }
  parentPort?.postMessage(answer);
});
parentPort?.postMessage('ready');
