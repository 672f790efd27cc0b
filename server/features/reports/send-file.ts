import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** The response schema of a file download (the body is the file). */
export const FileOut = z.string().describe('the file');

/** Sends a download with its name in both header forms (ASCII and UTF-8), never cached. */
export function sendFile(reply: FastifyReply, body: Buffer | string, type: string, name: string, disposition: 'attachment' | 'inline' = 'attachment') {
  return reply
    .type(type)
    .header('content-disposition', `${disposition}; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'no-store')
    .send(body);
}
