import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for every state-changing request (POST, PUT, PATCH, DELETE), on top of the SameSite=Lax cookie:
 *
 * - the request's `Origin` — or, when it has none, its `Referer`'s origin — must be one of config.allowedOrigins
 *   (PUBLIC_URL's and ALLOWED_ORIGINS); `Origin: null` (sandboxed frames, privacy redirects) is refused: 403
 *   csrf_origin. Browsers send `Origin` on every non-GET request, cross-site or not, so a request carrying neither
 *   header does not come from a browser page (curl, the CLI, scripts) and has no victim's cookie to abuse: it passes.
 * - a body must be JSON: a Content-Type other than application/json (text/plain and form encodings, which a
 *   cross-site HTML form can send without a CORS preflight), or a body without one, is refused: 415. No route
 *   takes text bodies. Multipart (file uploads) only on routes that declare `config.multipart: true`, and only with
 *   the header `X-Requested-With` (any value): an HTML form cannot set it, and a page on another site cannot send it
 *   without a CORS preflight, which this server never grants.
 *
 * Runs before authentication, so a forged request learns nothing and touches no session.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** the route takes multipart/form-data uploads (with an X-Requested-With header; see below) */
    multipart?: boolean;
  }
}

export default fp(async (app) => {
  const allowed = new Set(app.config.allowedOrigins);
  const appOrigin = app.config.allowedOrigins[0]!;

  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const origin = requestOrigin(request);
    if (origin !== undefined && !allowed.has(origin)) {
      const from = origin === 'null' ? { vi: 'một trang không xác định (Origin: null)', en: 'an unidentified page (Origin: null)' } : { vi: `trang ${origin}`, en: origin };
      throw new AppError(403, 'csrf_origin', {
        vi: `Yêu cầu bị từ chối: nó được gửi từ ${from.vi}, không phải từ ứng dụng (${appOrigin}).`,
        en: `Request refused: it was sent from ${from.en}, not from the app (${appOrigin}).`,
      }, { origin, allowed: [...allowed] });
    }
    const type = request.headers['content-type'];
    const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (type !== undefined && mediaType(type) === 'multipart/form-data' && request.routeOptions.config?.multipart) {
      if (request.headers['x-requested-with']) return;
      throw new AppError(415, 'unsupported_media_type', {
        vi: 'Tải tệp lên (multipart/form-data) phải kèm tiêu đề X-Requested-With (biểu mẫu HTML của trang khác không gửi được tiêu đề này).',
        en: 'File uploads (multipart/form-data) must carry an X-Requested-With header (an HTML form on another site cannot send one).',
      });
    }
    if (type === undefined ? hasBody : mediaType(type) !== 'application/json') {
      const got = type === undefined ? { vi: 'không khai báo', en: 'none' } : { vi: type, en: type };
      throw new AppError(415, 'unsupported_media_type', {
        vi: `Nội dung yêu cầu phải là JSON (Content-Type: application/json); Content-Type nhận được: ${got.vi}.`,
        en: `The request body must be JSON (Content-Type: application/json); got Content-Type: ${got.en}.`,
      });
    }
  });
}, { name: 'same-origin' });

/** The origin a browser says the request comes from: `Origin`, else `Referer`'s origin ('null' when unreadable); undefined when neither is sent. */
function requestOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined) return normalise(origin);
  const referer = request.headers.referer;
  return referer === undefined ? undefined : normalise(referer);
}

const normalise = (url: string) => (url !== 'null' && URL.canParse(url) ? new URL(url).origin : 'null');

const mediaType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();
