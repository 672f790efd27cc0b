import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import sameOrigin from './same-origin';

/** The public results pages (features/publication): the only pages a province portal may frame (PUBLIC_FRAME_ANCESTORS). */
export const PUBLIC_PAGE_PREFIX = '/cong-khai';
const isPublicPage = (url: string) => url === PUBLIC_PAGE_PREFIX || url.startsWith(`${PUBLIC_PAGE_PREFIX}/`) || url.startsWith(`${PUBLIC_PAGE_PREFIX}?`);

/**
 * Security headers, cookies, the same-origin (CSRF) check of state-changing requests, and rate limiting (per route).
 * No other site may frame a page (frame-ancestors 'self', X-Frame-Options: SAMEORIGIN: the app itself frames its print
 * pages and evidence previews) except the public results pages, whose frame-ancestors come from the configuration
 * (PUBLIC_FRAME_ANCESTORS) and which then carry no X-Frame-Options.
 */
export default fp(async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        // the app frames its own pages (print of report HTML, evidence preview); no other site may
        'frame-ancestors': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: { action: 'sameorigin' },
  });
  const ancestors = app.config.publicFrameAncestors.join(' ');
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || !isPublicPage(request.url)) return payload;
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`));
    reply.removeHeader('x-frame-options');
    return payload;
  });
  await app.register(cookie);
  await app.register(sameOrigin);
  await app.register(rateLimit, { global: false });
}, { name: 'security' });
