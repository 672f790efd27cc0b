import { ApiError } from '../../../shared/api/apiError';
import { evidencePath } from './paths';

export interface UploadTarget { campaignId: string; unitId: string; criterionCode?: string; pointer?: string; stage?: 'self' | 'response' }

/**
 * POST /api/campaigns/:campaignId/units/:unitId/evidence — one file as multipart/form-data, with upload progress
 * (fetch cannot report it; XMLHttpRequest can). The X-Requested-With header is what the server's cross-site check
 * asks of uploads. Resolves with the stored document; rejects with an ApiError carrying the server's message.
 */
export function uploadEvidence(target: UploadTarget, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal) {
  return new Promise<{ id: string; filename: string; deduplicated?: boolean }>((resolve, reject) => {
    const body = new FormData();
    if (target.criterionCode) body.append('criterionCode', target.criterionCode);
    if (target.pointer) body.append('pointer', target.pointer);
    if (target.stage) body.append('stage', target.stage);
    body.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', evidencePath(target.campaignId, target.unitId));
    xhr.setRequestHeader('X-Requested-With', 'ParIndex');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      let parsed: { documents?: { id: string; filename: string; deduplicated?: boolean }[]; error?: { code?: string; message?: string; message_vi?: string; details?: unknown } } | null = null;
      try { parsed = JSON.parse(xhr.responseText); } catch { parsed = null; }
      if (xhr.status >= 200 && xhr.status < 300 && parsed?.documents?.[0]) {
        onProgress(1);
        resolve(parsed.documents[0]);
      } else {
        const e = parsed?.error;
        reject(new ApiError(xhr.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${xhr.status}`, e?.message_vi ?? null, e?.details));
      }
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
