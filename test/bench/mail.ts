// E-mail benchmark (part of `npm run bench`): invitations through the app's own sending path (queue → background
// sender → pooled nodemailer) to a real SMTP server in-process (smtp-server). Prints figures only.
import { performance } from 'node:perf_hooks';
import { startTestApp } from '../support/app';
import type { DbKind } from '../support/fresh-database';
import { leadershipScenario } from '../support/leadership';
import { startSmtp } from '../support/smtp';

export async function benchInvitations(kind: DbKind, serverUrl: string | undefined, count: number) {
  const smtp = await startSmtp();
  const t = await startTestApp(kind, { SMTP_URL: smtp.url, LOG_LEVEL: 'silent' }, serverUrl);
  try {
    const { base } = await leadershipScenario(t, count);
    const cookie = await t.cookieFor('analyst');
    const started = performance.now();
    const queued = (await t.app.inject({ method: 'POST', url: `${base}/invitations/send`, headers: { cookie } })).json().queued as number;
    const queuedAt = performance.now();
    while ((await t.app.mailer.sendNow()).sent > 0 || smtp.received.length < queued) {
      if (performance.now() - started > 600_000) throw new Error('sending took over 10 minutes');
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n== E-mail, ${kind === 'postgres' ? 'real PostgreSQL' : 'PGlite'}: ${queued} invitations to a local SMTP server (smtp-server), rate limit lifted`);
    console.log(`queued in ${(queuedAt - started).toFixed(0)} ms; all received after ${seconds.toFixed(1)} s = ${(queued / seconds).toFixed(0)} messages/s`);
    console.log(`received ${smtp.received.length}, distinct recipients ${new Set(smtp.received.map((m) => m.to)).size}`);
  } finally {
    await t.close();
    await smtp.close();
  }
}
