import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { leadershipAnswers, leadershipScenario, linkIn } from '../support/leadership';

// Issue 12, point 10: the page says when the next reminder can go, from the rule the server applies; an admin may send
// one ahead of the spacing rule before the deadline (confirmed, audited, never within 12 h, never to someone who
// answered); and no e-mail goes out from a draft campaign.
describeEachDb('leadership reminders: one rule for the schedule and the sending; the admin\'s override; drafts send nothing', (kind) => {
  let t: TestApp;
  let analyst: string;
  let admin: string;
  const HOUR = 3600_000;
  const inject = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    t = await startTestApp(kind); // no SMTP_URL: e-mail is delivered to the in-app outbox
    analyst = await t.cookieFor('analyst');
    admin = await t.cookieFor('admin');
  });
  afterAll(() => t?.close());

  /** Makes the last message of each listed person `ageMs` old, as if that time had passed. */
  const age = async (respondentIds: string[], ageMs: number) => {
    if (respondentIds.length === 0) return;
    await t.database.db.updateTable('mail_message').set({ sent_at: new Date(Date.now() - ageMs) })
      .where('respondent_id', 'in', respondentIds).where('status', '=', 'sent').execute();
  };
  const respondents = async (base: string) =>
    (await inject(analyst, 'GET', `${base}/respondents`)).json().respondents as { id: string; name: string; email: string; group: string; reminder: { state: string; nextAt: string | null; earliestOverrideAt: string | null } }[];

  it('refuses invitations, reminders and resends while the campaign is a draft or closed, with what to do; nothing is queued', async () => {
    const { campaignId, base } = await leadershipScenario(t, 4, '-D');
    expect((await inject(analyst, 'PATCH', `/api/campaigns/${campaignId}`, { status: 'draft' })).statusCode).toBe(200);
    const invite = await inject(analyst, 'POST', `${base}/invitations/send`, {});
    expect(invite.statusCode).toBe(409);
    expect(invite.json().error.code).toBe('campaign_not_running');
    expect(invite.json().error.message_vi).toMatch(/đang ở trạng thái Nháp nên chưa gửi thư nào.*chuyển đợt sang “Đang khảo sát”/);
    expect(invite.json().error.message).toMatch(/is a draft, so no e-mail was sent.*set the campaign to “Fieldwork”/);
    expect((await inject(analyst, 'POST', `${base}/reminders/send`, {})).json().error.code).toBe('campaign_not_running');
    const someone = (await respondents(base))[0]!;
    expect((await inject(analyst, 'POST', `${base}/respondents/${someone.id}/resend`, {})).json().error.code).toBe('campaign_not_running');
    expect(await t.database.db.selectFrom('mail_message').select('id').where('campaign_id', '=', campaignId).execute()).toEqual([]);

    // in fieldwork the same request goes through
    await inject(analyst, 'PATCH', `/api/campaigns/${campaignId}`, { status: 'fieldwork' });
    expect((await inject(analyst, 'POST', `${base}/invitations/send`, {})).json()).toEqual({ queued: 4 });
    await inject(analyst, 'PATCH', `/api/campaigns/${campaignId}`, { status: 'closed' });
    const closed = await inject(analyst, 'POST', `${base}/reminders/send`, {});
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message_vi).toMatch(/đã đóng/);
  });

  it('the schedule (count, next time per person and per group) is exactly what the sending then does', async () => {
    const { base } = await leadershipScenario(t, 12, '-S'); // 3 of each group; 2 reminders at most, 3 days apart
    expect((await inject(analyst, 'POST', `${base}/invitations/send`, {})).json()).toEqual({ queued: 12 });
    await t.app.mailer.sendNow();

    // just invited: nobody yet; the next time is the invitation's time plus 3 days, for each person and group
    const fresh = (await inject(analyst, 'GET', `${base}/reminders`)).json();
    expect(fresh).toMatchObject({ rules: { max: 2, minDaysApart: 3, overrideMinHours: 12 }, dueNow: 0, waiting: 12 });
    const people = await respondents(base);
    const sent = await t.database.db.selectFrom('mail_message').select(['respondent_id', 'sent_at']).where('respondent_id', 'in', people.map((p) => p.id)).execute();
    for (const p of people) {
      const at = new Date(sent.find((m) => m.respondent_id === p.id)!.sent_at as unknown as string).getTime();
      expect(p.reminder.state).toBe('waiting');
      expect(new Date(p.reminder.nextAt!).getTime()).toBe(at + 72 * HOUR);
      expect(new Date(p.reminder.earliestOverrideAt!).getTime()).toBe(at + 12 * HOUR);
    }
    expect(fresh.nextAt).toBe(people.map((p) => p.reminder.nextAt!).sort()[0]);
    expect(fresh.byGroup.map((g: { group: string; waiting: number }) => [g.group, g.waiting])).toEqual([['hdnd', 3], ['huyen', 3], ['so', 3], ['xa', 3]]);
    // the analyst's button would have promised nothing, and the server sends nothing
    expect((await inject(analyst, 'POST', `${base}/reminders/send`, {})).json()).toEqual({ queued: 0 });

    // time passes differently for each person: some just under 3 days, some just over
    const ages = [0, 2 * HOUR, 11 * HOUR, 13 * HOUR, 47 * HOUR, 72 * HOUR - 60_000, 72 * HOUR + 60_000, 5 * 24 * HOUR, 30 * 24 * HOUR, 72 * HOUR + 120_000, 71 * HOUR, 80 * HOUR];
    for (const [i, p] of people.entries()) await age([p.id], ages[i]!);
    const schedule = (await inject(analyst, 'GET', `${base}/reminders`)).json();
    const listed = await respondents(base);
    const promised = listed.filter((p) => p.reminder.state === 'due').map((p) => p.id).sort();
    expect(schedule.dueNow).toBe(5);
    expect(promised).toHaveLength(5);
    const hdnd = schedule.byGroup.find((g: { group: string }) => g.group === 'hdnd');
    expect(hdnd.dueNow + hdnd.waiting).toBe(3);
    // the next one after those: the person 3 days minus one minute ago, in about a minute; in the hour after it, also
    // the one 71 hours ago (not the one 47 hours ago)
    expect(new Date(schedule.nextAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    expect(schedule.nextCount).toBe(2);

    const queued = await inject(analyst, 'POST', `${base}/reminders/send`, {});
    expect(queued.json()).toEqual({ queued: schedule.dueNow });
    const got = (await t.database.db.selectFrom('mail_message').select('respondent_id').where('kind', '=', 'reminder').where('respondent_id', 'in', people.map((p) => p.id)).execute())
      .map((m) => m.respondent_id).sort();
    expect(got).toEqual(promised);
    // queued: in flight, so not promised again; a second click queues nothing
    expect((await inject(analyst, 'GET', `${base}/reminders`)).json().dueNow).toBe(0);
    expect((await inject(analyst, 'POST', `${base}/reminders/send`, {})).json()).toEqual({ queued: 0 });
    await t.app.mailer.sendNow();
    const after = await respondents(base);
    for (const id of promised) {
      const p = after.find((x) => x.id === id)!;
      expect(p.reminder.state).toBe('waiting'); // the reminder just sent starts a new 3-day gap
      expect(new Date(p.reminder.nextAt!).getTime() - Date.now()).toBeGreaterThan(71 * HOUR);
    }
  });

  it('an admin sends reminders ahead of the gap before the deadline: confirmed, audited, never within 12 h, never to someone who answered, never over the maximum', async () => {
    const { campaignId, base } = await leadershipScenario(t, 8, '-O');
    expect((await inject(analyst, 'POST', `${base}/invitations/send`, {})).json()).toEqual({ queued: 8 });
    await t.app.mailer.sendNow();
    const people = await respondents(base);
    const ids = people.map((p) => p.id);

    // the scenario's deadline (31/12/2025) has passed: refused, saying how to extend it
    const past = await inject(admin, 'POST', `${base}/reminders/send-before-gap`, { confirm: true });
    expect(past.statusCode).toBe(409);
    expect(past.json().error.message_vi).toMatch(/Hạn trả lời \(31\/12\/2025\) đã qua/);
    expect((await inject(analyst, 'GET', `${base}/reminders`)).json().override).toMatchObject({ allowed: false, refusal: { vi: expect.stringMatching(/đã qua/) } });
    const survey = (await inject(analyst, 'GET', base)).json().survey;
    const deadline = new Date(Date.now() + 2 * 24 * HOUR).toISOString().slice(0, 10);
    expect((await inject(analyst, 'PUT', base, { ...survey, deadline })).statusCode).toBe(200);

    // one person answers (with the link from their invitation)
    const answerer = people[0]!;
    const mail = (await inject(admin, 'GET', `/api/mail-outbox?to=${encodeURIComponent(answerer.email)}`)).json().messages[0];
    expect((await t.app.inject({ method: 'POST', url: `/api/respond/${linkIn(mail.body)}`, payload: { answers: leadershipAnswers(3) } })).statusCode).toBe(201);

    // invitations 1 day old for people 1–4, 6 hours old for people 5–7
    await age(ids.slice(0, 5), 24 * HOUR);
    await age(ids.slice(5), 6 * HOUR);
    const schedule = (await inject(analyst, 'GET', `${base}/reminders`)).json();
    expect(schedule.dueNow).toBe(0);
    expect(schedule.override).toMatchObject({ allowed: true, refusal: null, count: 4, tooRecent: 3 });
    expect(new Date(schedule.override.nextAt).getTime() - Date.now()).toBeGreaterThan(5.9 * HOUR);

    // an analyst may not; the admin must confirm
    expect((await inject(analyst, 'POST', `${base}/reminders/send-before-gap`, { confirm: true })).statusCode).toBe(403);
    expect((await inject(admin, 'POST', `${base}/reminders/send-before-gap`, {})).statusCode).toBe(400);
    const early = await inject(admin, 'POST', `${base}/reminders/send-before-gap`, { confirm: true });
    expect(early.json()).toEqual({ queued: 4 });
    const reminded = (await t.database.db.selectFrom('mail_message').select('respondent_id').where('kind', '=', 'reminder').where('campaign_id', '=', campaignId).execute()).map((m) => m.respondent_id).sort();
    expect(reminded).toEqual(ids.slice(1, 5).sort());
    expect(reminded).not.toContain(answerer.id);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'reminders_before_gap').where('entity_key', '=', campaignId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.user_id).toBe(t.users.admin.id);
    const logged = typeof audit[0]!.new_value === 'string' ? JSON.parse(audit[0]!.new_value) : audit[0]!.new_value;
    expect(logged).toMatchObject({ queued: 4, earlierThanRule: 4, overrideMinHours: 12 });
    expect([...logged.respondentIds].sort()).toEqual(reminded);

    // at once again: in flight; once sent: within 12 h of their last message — nothing either way
    expect((await inject(admin, 'POST', `${base}/reminders/send-before-gap`, { confirm: true })).json()).toEqual({ queued: 0 });
    await t.app.mailer.sendNow();
    expect((await inject(admin, 'POST', `${base}/reminders/send-before-gap`, { confirm: true })).json()).toEqual({ queued: 0 }); // people 5–7: 6 h
    // 13 hours later: people 1–4 get their second (the maximum), people 5–7 their first
    await age(ids.slice(1), 13 * HOUR);
    expect((await inject(admin, 'POST', `${base}/reminders/send-before-gap`, { confirm: true })).json()).toEqual({ queued: 7 });
    await t.app.mailer.sendNow();
    await age(ids.slice(1), 13 * HOUR);
    // people 1–4 have had 2 reminders (the maximum), the answerer none: only people 5–7 once more
    expect((await inject(admin, 'POST', `${base}/reminders/send-before-gap`, { confirm: true })).json()).toEqual({ queued: 3 });
    const states = await respondents(base);
    expect(states.find((p) => p.id === answerer.id)!.reminder).toEqual({ state: 'answered', nextAt: null, earliestOverrideAt: null });
    expect(states.filter((p) => ids.slice(1, 5).includes(p.id)).every((p) => p.reminder.state === 'max_reached')).toBe(true);
    expect((await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'reminders_before_gap').where('entity_key', '=', campaignId).execute())).toHaveLength(3);
  });
});
