import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { leadershipAnswers, leadershipScenario, linkIn } from '../support/leadership';

describeEachDb('leadership survey by e-mail through a real SMTP server', (kind) => {
  let smtp: TestSmtp;
  let t: TestApp;
  let base: string;
  let campaignId: string;
  let cookie: string;
  const post = (url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const drain = async () => {
    for (let i = 0; i < 20; i++) {
      await t.app.mailer.sendNow();
      const p = (await get(`${base}/progress`)).json();
      if (p.queued === 0 && p.sending === 0) return p;
    }
    throw new Error('sending did not finish');
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    // sixty people answer from one test address here; the limit itself is tested on its own
    t = await startTestApp(kind, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://parindex.example.gov.vn', RESPOND_RATE_LIMIT_PER_MINUTE: '1000' });
    ({ base, campaignId } = await leadershipScenario(t, 200));
    cookie = await t.cookieFor('analyst');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends 200 invitations, each with its own single-use link, and tracks them', async () => {
    expect((await post(`${base}/invitations/send`)).json()).toEqual({ queued: 200 });
    expect((await post(`${base}/invitations/send`)).json()).toEqual({ queued: 0 }); // never queued twice
    const progress = await drain();
    expect(progress).toMatchObject({ sent: 200, failed: 0, total: 200 });
    expect(smtp.received).toHaveLength(200);
    expect(new Set(smtp.received.map((m) => m.to)).size).toBe(200);
    const first = smtp.received.find((m) => m.to === 'nguoi1@so-noivu.example.gov.vn')!;
    expect(first.subject).toBe('Mời tham gia khảo sát Chỉ số cải cách hành chính – PAR INDEX 2025');
    expect(first.text).toMatch(/^Kính gửi Người trả lời 0001,/);
    expect(first.text).toMatch(/Hạn trả lời: 31\/12\/2025\./);
    const tokens = smtp.received.map((m) => linkIn(m.text));
    expect(tokens.every((x) => x !== null)).toBe(true);
    expect(new Set(tokens).size).toBe(200);
    // only hashes are stored
    const stored = (await t.database.db.selectFrom('respondent_link').select('token_hash').execute()).map((r) => r.token_hash);
    expect(stored).toHaveLength(200);
    expect(stored.some((h) => tokens.includes(h))).toBe(false);
    const track = (await get(`${base}/tracking`)).json();
    expect(track.overall).toEqual({ invited: 200, sent: 200, failed: 0, responded: 0, rate: 0 });
  });

  it('opens links, takes each answer once, and says clearly when a link is used or unknown', async () => {
    // respondents 1–60 answer (15 of each group: the list cycles hdnd, so, huyen, xa)
    const number = (m: { to: string }) => Number(/nguoi(\d+)@/.exec(m.to)?.[1]);
    const answerers = smtp.received.filter((m) => number(m) <= 60);
    expect(answerers).toHaveLength(60);
    for (const [i, m] of answerers.entries()) {
      const token = linkIn(m.text)!;
      const open = await t.app.inject({ method: 'GET', url: `/api/respond/${token}` });
      expect(open.statusCode, open.body).toBe(200);
      expect(open.json()).toMatchObject({ campaign: { name: 'PAR INDEX 2025', year: 2025 }, questionnaire: { id: 'leadership-2023' } });
      expect(JSON.stringify(open.json())).not.toMatch(/Người trả lời|@/); // nothing says whose link it is
      const res = await t.app.inject({ method: 'POST', url: `/api/respond/${token}`, payload: { answers: leadershipAnswers(i) } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const used = linkIn(answerers[0]!.text)!;
    const again = await t.app.inject({ method: 'POST', url: `/api/respond/${used}`, payload: { answers: leadershipAnswers(1) } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'already_answered' });
    expect((await t.app.inject({ method: 'GET', url: `/api/respond/${used}` })).statusCode).toBe(409);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/respond/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('unknown_token');
    expect(unknown.json().error.message_vi).not.toBe(again.json().error.message_vi);
    const notYet = smtp.received.find((m) => number(m) === 100)!;
    const bad = await t.app.inject({ method: 'POST', url: `/api/respond/${linkIn(notYet.text)}`, payload: { answers: { c2_4_1: 'excellent' } } });
    expect(bad.statusCode).toBe(400);
    const track = (await get(`${base}/tracking`)).json();
    expect(track.overall).toMatchObject({ invited: 200, responded: 60, rate: 0.3 });
    expect(track.byGroup.map((g: { group: string; responded: number }) => [g.group, g.responded])).toEqual([['hdnd', 15], ['huyen', 15], ['so', 15], ['xa', 15]]);
  });

  it('reminds only non-responders, not before the minimum gap, and their links keep working', async () => {
    expect((await post(`${base}/reminders/send`)).json()).toEqual({ queued: 0 }); // invited minutes ago; 3 days apart
    // three days pass
    await t.database.db.updateTable('mail_message').set({ sent_at: new Date(Date.now() - 3 * 86400_000 - 60_000) }).execute();
    expect((await post(`${base}/reminders/send`)).json()).toEqual({ queued: 140 });
    const before = smtp.received.length;
    await drain();
    const reminders = smtp.received.slice(before);
    expect(reminders).toHaveLength(140);
    const answered = new Set(smtp.received.filter((m) => Number(/nguoi(\d+)@/.exec(m.to)?.[1]) <= 60).map((m) => m.to));
    expect(reminders.some((m) => answered.has(m.to))).toBe(false);
    expect(reminders[0]!.subject).toMatch(/^Nhắc: /);
    // the invitation's link and the reminder's link both work for someone who has not answered yet
    const someone = reminders[0]!.to;
    const invitation = smtp.received.find((m) => m.to === someone && !m.subject.startsWith('Nhắc'))!;
    expect((await t.app.inject({ method: 'GET', url: `/api/respond/${linkIn(invitation.text)}` })).statusCode).toBe(200);
    const list = (await get(`${base}/respondents?status=responded`)).json().respondents;
    expect(list).toHaveLength(60);
    expect(list[0]).not.toHaveProperty('answers');
  });

  it('retries a temporary SMTP failure, records a permanent one with the server\'s error, and never sends twice', async () => {
    const db = t.database.db;
    const add = await post(`${base}/respondents/commit`, { text: 'name,email,group,unit\nHoãn Lại,later@so-noivu.example.gov.vn,hdnd,\nKhông Tồn Tại,nobody@so-noivu.example.gov.vn,hdnd,\n' });
    expect(add.json()).toEqual({ added: 2, updated: 0 });
    smtp.refuse.set('later@so-noivu.example.gov.vn', 'temporary');
    smtp.refuse.set('nobody@so-noivu.example.gov.vn', 'permanent');
    expect((await post(`${base}/invitations/send`)).json()).toEqual({ queued: 2 });
    await t.app.mailer.sendNow();
    const status = async (email: string) => (await get(`${base}/respondents`)).json().respondents.find((r: { email: string }) => r.email === email);
    expect(await status('nobody@so-noivu.example.gov.vn')).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/550/) });
    expect(await status('later@so-noivu.example.gov.vn')).toMatchObject({ status: 'queued', lastError: expect.stringMatching(/451/) });
    // the server accepts again; the retry is due
    smtp.refuse.delete('later@so-noivu.example.gov.vn');
    await db.updateTable('mail_message').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('status', '=', 'queued').execute();
    await t.app.mailer.sendNow();
    await t.app.mailer.sendNow();
    expect(await status('later@so-noivu.example.gov.vn')).toMatchObject({ status: 'sent' });
    expect(smtp.received.filter((m) => m.to === 'later@so-noivu.example.gov.vn')).toHaveLength(1);
    expect(smtp.received.filter((m) => m.to === 'nobody@so-noivu.example.gov.vn')).toHaveLength(0);
    const track = (await get(`${base}/tracking`)).json();
    expect(track.overall).toMatchObject({ invited: 202, failed: 1, responded: 60 });
    expect(track.overall.rate).toBeCloseTo(60 / 201, 12);
  });

  it('a message whose connection breaks after its data is uncertain: listed, never resent by itself, resent by hand with a new link that revokes the old one', async () => {
    const crash = 'crash@so-noivu.example.gov.vn';
    await post(`${base}/respondents/commit`, { text: `name,email,group,unit\nGián Đoạn,${crash},hdnd,\n` });
    smtp.dropAfterData.add(crash); // the server gets the message, the sender never hears back
    expect((await post(`${base}/invitations/send`)).json()).toEqual({ queued: 1 });
    await t.app.mailer.sendNow();
    const got = () => smtp.received.filter((m) => m.to === crash);
    expect(got()).toHaveLength(1);
    const first = linkIn(got()[0]!.text)!;
    expect((await get(`${base}/progress`)).json()).toMatchObject({ uncertain: 1, failed: 1, queued: 0, sending: 0 }); // failed: nobody@ above
    const listed = (await get(`${base}/uncertain`)).json().messages;
    expect(listed).toEqual([expect.objectContaining({ email: crash, kind: 'invitation', sequence: 1, handedOverAt: expect.any(String) })]);
    const r = (await get(`${base}/respondents`)).json().respondents.find((x: { email: string }) => x.email === crash);
    expect(r).toMatchObject({ status: 'uncertain' });
    // never sent again by itself, and the link it may carry works (it may well have arrived)
    smtp.dropAfterData.delete(crash);
    await t.app.mailer.sendNow();
    expect(got()).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/respond/${first}` })).statusCode).toBe(200);
    // one click: a new invitation; the old link stops working in the same commit, before the new one is even sent
    expect((await post(`${base}/uncertain/resend`)).json()).toEqual({ queued: 1, answered: 0 });
    expect((await t.app.inject({ method: 'GET', url: `/api/respond/${first}` })).statusCode).toBe(404);
    expect((await get(`${base}/uncertain`)).json().messages).toEqual([]);
    await t.app.mailer.sendNow();
    expect(got()).toHaveLength(2);
    const second = linkIn(got()[1]!.text)!;
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: `/api/respond/${second}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/respond/${first}` })).statusCode).toBe(404);
    expect((await get(`${base}/progress`)).json()).toMatchObject({ uncertain: 0, failed: 1 });
  });

  it('an uncertain message of someone who has since answered is not listed, and no new link is made for them', async () => {
    // a campaign of its own, so that this answer does not change the first campaign's figures
    const other = await leadershipScenario(t, 1, '-U');
    const answered = 'nguoi1@so-noivu.example.gov.vn';
    const base = other.base;
    smtp.dropAfterData.add(answered);
    const before = smtp.received.length;
    expect((await post(`${base}/invitations/send`)).json()).toEqual({ queued: 1 });
    await t.app.mailer.sendNow();
    smtp.dropAfterData.delete(answered);
    expect(smtp.received.length).toBe(before + 1);
    const mail = smtp.received.at(-1)!;
    expect((await get(`${base}/uncertain`)).json().messages.map((m: { email: string }) => m.email)).toEqual([answered]);
    // it did arrive: the person answers with it
    const res = await t.app.inject({ method: 'POST', url: `/api/respond/${linkIn(mail.text)}`, payload: { answers: leadershipAnswers(7) } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await get(`${base}/uncertain`)).json().messages).toEqual([]);
    const r = (await get(`${base}/respondents`)).json().respondents.find((x: { email: string }) => x.email === answered);
    const resend = await post(`${base}/respondents/${r.id}/resend`);
    expect(resend.statusCode).toBe(409);
    expect(resend.json().error.code).toBe('already_answered');
    expect((await post(`${base}/uncertain/resend`)).json()).toEqual({ queued: 0, answered: 0 });
    await t.app.mailer.sendNow();
    expect(smtp.received.length).toBe(before + 1);
  });

  it('schedules reminders by itself: at most N per person, at least D days apart, never to responders', async () => {
    const db = t.database.db;
    const { queueScheduledReminders } = await import('../../server/features/leadership/sending.service');
    const nextYear = `${new Date().getFullYear() + 1}-12-31`;
    await db.updateTable('leadership_survey').set({ reminders_auto: true, reminders_max: 2, reminders_min_days: 3, deadline: '2000-01-01' }).execute();
    await db.updateTable('mail_message').set({ sent_at: new Date(Date.now() - 30 * 86400_000) }).where('status', '=', 'sent').execute();
    expect(await queueScheduledReminders(db)).toBe(0); // past the deadline: no more reminders
    await db.updateTable('leadership_survey').set({ deadline: nextYear }).execute();
    await db.updateTable('mail_message').set({ sent_at: new Date() }).where('status', '=', 'sent').execute();
    expect(await queueScheduledReminders(db)).toBe(0); // the last reminders went out minutes ago
    const threeDaysLater = () => db.updateTable('mail_message').set({ sent_at: new Date(Date.now() - 3 * 86400_000 - 60_000) }).where('status', '=', 'sent').execute();
    await threeDaysLater();
    const second = await queueScheduledReminders(db);
    // the 140 non-responders with one reminder so far, and the two later additions who were invited
    const invitedLater = await db.selectFrom('respondent as r').select('r.id').where('r.email', 'in', ['later@so-noivu.example.gov.vn', 'crash@so-noivu.example.gov.vn']).execute();
    expect(second).toBe(140 + invitedLater.length);
    await t.app.mailer.sendNow();
    await threeDaysLater();
    // the 140 have had 2 reminders (the maximum); only the two later additions (1 reminder so far) get another
    expect(await queueScheduledReminders(db)).toBe(invitedLater.length);
    const counts = await db.selectFrom('mail_message').select(['respondent_id', (eb) => eb.fn.countAll<number>().as('n')]).where('kind', '=', 'reminder').groupBy('respondent_id').execute();
    expect(Math.max(...counts.map((c) => Number(c.n)))).toBeLessThanOrEqual(2);
    const responders = new Set((await db.selectFrom('respondent').select('id').where('responded', '=', true).execute()).map((r) => r.id));
    expect(counts.some((c) => responders.has(c.respondent_id))).toBe(false);
    await db.updateTable('mail_message').set({ status: 'cancelled' }).where('status', '=', 'queued').execute();
  });

  it('closes: links expire with a clear message', async () => {
    const open = smtp.received.find((m) => m.to === 'nguoi200@so-noivu.example.gov.vn')!;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/campaigns/${campaignId}`, headers: { cookie }, payload: { status: 'closed' } })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: `/api/respond/${linkIn(open.text)}` });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('expired');
    const summary = (await get(`${base}/answers/summary`)).json();
    expect(summary.sheets).toBe(60);
    expect(summary.items).toHaveLength(22);
    expect(summary.items.every((i: { suppressed: boolean; n: number | null }) => i.suppressed || (i.n ?? 0) >= 5)).toBe(true);
  });
});
