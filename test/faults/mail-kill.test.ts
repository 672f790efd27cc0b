import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { testConfig } from '../support/test-config';
import { TEST_PASSWORD } from '../support/app';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { linkIn } from '../support/leadership';
import { loginOverHttp, prepareServerData, startServerProcess, type ServerProcess } from '../support/server-process';
import { SMTP_CONNECTIONS } from '../../server/features/mail/transport';

const PEOPLE = 300;
const KILL_AT = 60;

/**
 * "E-mail after a crash" (issue 9): the real server process is killed with SIGKILL while it sends 300 invitations to
 * a real (slow) SMTP server, then started again on the same data. Only the messages it was handing to SMTP at that
 * moment may be uncertain; everything else is delivered after the restart; the uncertain ones are resent through the
 * API with a new link; in the end every person has exactly one link that opens the survey, and every older link is
 * refused.
 */
describeEachDb('server killed while sending 300 invitations', (kind) => {
  let smtp: TestSmtp;
  let data: Awaited<ReturnType<typeof prepareServerData>>;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    smtp = await startSmtp();
    data = await prepareServerData(kind, testConfig.testDatabaseUrl);
  });
  afterAll(async () => {
    await server?.kill();
    await smtp?.close();
    await data?.cleanup();
  });

  it('re-queues what was never handed over, lists only what was in flight, and leaves each person one working link', async () => {
    const env = { ...data.env, SMTP_URL: smtp.url, MAIL_SENDER_INTERVAL_MS: '20', RESPOND_RATE_LIMIT_PER_MINUTE: '100000' };
    server = await startServerProcess({ env, dataDir: data.dataDir });
    const { origin, port } = server;
    let cookie = await loginOverHttp(origin, 'test-admin', TEST_PASSWORD);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${origin}${path}`, {
        method,
        headers: { cookie, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };

    // set up as the admin does: a unit, a campaign, the survey (no rate limit in the way), 300 people
    const { unit } = await call('POST', '/api/units', { code: 'MK', name: 'Tỉnh thử', parentId: null, kind: 'province', group: null });
    const { campaign } = await call('POST', '/api/campaigns', { name: 'PAR INDEX 2025', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [unit.id], previousCampaignId: null });
    await call('PATCH', `/api/campaigns/${campaign.id}`, { status: 'fieldwork' }); // e-mail goes out only in fieldwork
    const base = `/api/campaigns/${campaign.id}/leadership`;
    const { defaults } = await call('GET', base);
    await call('PUT', base, { ...defaults, deadline: '2099-12-31', ratePerMinute: 10_000 });
    const emails = Array.from({ length: PEOPLE }, (_, i) => `nguoi${i + 1}@so-noivu.example.gov.vn`);
    const csv = `họ tên,email,nhóm,đơn vị\n${emails.map((e, i) => `Người ${i + 1},${e},hdnd,`).join('\n')}\n`;
    expect(await call('POST', `${base}/respondents/commit`, { text: csv })).toEqual({ added: PEOPLE, updated: 0 });

    // a slow SMTP server: each message waits a little for its "250", so the kill lands mid-send
    smtp.replyDelayMs = 40;
    expect(await call('POST', `${base}/invitations/send`)).toEqual({ queued: PEOPLE });
    while (smtp.received.length < KILL_AT) await new Promise((r) => setTimeout(r, 2));
    await server.kill();
    const beforeKill = smtp.received.length;

    // restart on the same data and port
    smtp.replyDelayMs = 0;
    server = await startServerProcess({ env, dataDir: data.dataDir, port });
    cookie = await loginOverHttp(origin, 'test-admin', TEST_PASSWORD);
    const uncertain: { respondentId: string; email: string }[] = (await call('GET', `${base}/uncertain`)).messages;
    const settle = async () => {
      for (;;) {
        const p = await call('GET', `${base}/progress`);
        if (p.queued === 0 && p.sending === 0) return p;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const afterRestart = await settle();
    // nothing accepted by the server is "failed"; only what was being handed over can be uncertain
    expect(afterRestart).toMatchObject({ failed: 0, uncertain: uncertain.length, total: PEOPLE });
    expect(afterRestart.sent).toBe(PEOPLE - uncertain.length);
    expect(uncertain.length).toBeLessThanOrEqual(SMTP_CONNECTIONS);
    const deliveredAfterRestart = smtp.received.length - beforeKill;

    // one click: the uncertain ones get a new invitation with a new link
    expect(await call('POST', `${base}/uncertain/resend`, {})).toEqual({ queued: uncertain.length, answered: 0 });
    expect(await settle()).toMatchObject({ sent: PEOPLE, failed: 0, uncertain: 0 });
    expect((await call('GET', `${base}/uncertain`)).messages).toEqual([]);

    // every person: at least one message; exactly one link (the newest) opens the survey, every older one is refused
    const byPerson = new Map<string, string[]>(emails.map((e) => [e, []]));
    for (const m of smtp.received) byPerson.get(m.to)!.push(linkIn(m.text)!);
    const uncertainEmails = new Set(uncertain.map((u) => u.email));
    let duplicates = 0;
    for (const [email, links] of byPerson) {
      expect(links.length, email).toBeGreaterThanOrEqual(1);
      if (links.length > 1) {
        duplicates++;
        expect(uncertainEmails.has(email), `${email} got ${links.length} messages but was not listed as uncertain`).toBe(true);
      }
      const statuses = [];
      for (const token of links) statuses.push((await fetch(`${origin}/api/respond/${token}`)).status);
      expect(statuses.filter((s) => s === 200), `${email}: ${statuses.join(',')}`).toHaveLength(1);
      expect(statuses.at(-1), email).toBe(200);
      expect(statuses.slice(0, -1).every((s) => s === 404), `${email}: ${statuses.join(',')}`).toBe(true);
    }
    expect(smtp.received.length).toBe(PEOPLE + duplicates);
    // the figures for the closing note
    console.log(`[mail-kill ${kind}] arrived before the kill: ${beforeKill}; uncertain after restart: ${uncertain.length}; ` +
      `delivered after restart: ${deliveredAfterRestart}; resent: ${uncertain.length}; people with two messages: ${duplicates}; ` +
      `people with exactly one working link: ${PEOPLE}`);
  }, 300_000);
});
