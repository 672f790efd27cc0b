import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { sendUserMail } from '../../server/features/assessment/notifications-mail';
import { notifyOpenedPhases, sendDueReminders } from '../../server/features/assessment/reminders';
import { appraisalScenario, LEAVES, pdf, type AppraisalScenario, type Who } from './assessment-appraisal-scenario';

// The rules of appraisal, response and final appraisal (issue 11, DESIGN.md): a comment is required below the self
// score and for "more evidence"; scores within [0, max]; concurrent edits detected by version; appraisers reach only
// their fields (404 outside), officers only their unit; steps outside their phase refused (409 phase_closed) and on a
// sheet in the wrong status (409); answers only to lowered leaves; notifications made once, read only by their owner;
// the "appraisal available" e-mail reaches a real SMTP server.

describeEachDb('appraisal rules: comments, versions, scope, phases, notifications', (kind) => {
  let s: AppraisalScenario;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    s = await appraisalScenario(kind, { SMTP_URL: smtp.url });
    // A and B self-assess everything and submit; C stays in draft
    await s.openPhases('self_assessment');
    for (const u of ['A', 'B'] as const) {
      await s.upload(u, s.units[u], [{ name: 'Kế hoạch.pdf', data: pdf(`rules-${u}`) }], { criterionCode: 'I.1' });
      for (const code of LEAVES) {
        const res = await s.call(u, 'PUT', `/sheets/${s.units[u]}/leaves/${code}/self`, { version: await s.version(s.units[u], code), score: 1, explanation: 'Xem kế hoạch, trang 3.' });
        expect(res.statusCode, res.body).toBe(200);
      }
      const submit = await s.call(u, 'POST', `/sheets/${s.units[u]}/submit`, {});
      expect(submit.statusCode, submit.body).toBe(200);
    }
    await s.openPhases('appraisal');
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  const appraise = async (who: Who, unit: 'A' | 'B' | 'C', code: string, body: Record<string, unknown>, version?: number) =>
    s.call(who, 'PUT', `/sheets/${s.units[unit]}/leaves/${code}/appraisal`, { version: version ?? await s.version(s.units[unit], code), ...body });

  it('requires a comment below the self score and for more evidence, keeps scores within [0, max], naming the field in vi and en', async () => {
    const noComment = await appraise('ap1', 'A', 'I.2', { action: 'score', score: 0.5 });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error).toMatchObject({ code: 'validation', details: { field: 'comment', code: 'I.2' } });
    expect(noComment.json().error.message).toMatch(/Criterion I.2, field comment: a comment is required because the appraised score \(0.5\) is lower than the self-assessed score \(1\)/);
    expect(noComment.json().error.message_vi).toMatch(/Tiêu chí I.2, trường comment: cần nhận xét vì điểm thẩm định \(0,5\) thấp hơn điểm tự đánh giá \(1\)/);
    const blank = await appraise('ap1', 'A', 'I.2', { action: 'score', score: 0.5, comment: '   ' });
    expect(blank.statusCode).toBe(400);
    const moreEvidence = await appraise('ap1', 'A', 'I.2', { action: 'more_evidence' });
    expect(moreEvidence.json().error.details).toMatchObject({ field: 'comment' });
    const over = await appraise('ap1', 'A', 'I.2', { action: 'score', score: 2.5, comment: 'x' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message_vi).toMatch(/trường score: điểm 2,5 nằm ngoài khoảng 0–2/);
    // equal or higher needs no comment; nothing was written by the refusals
    const same = await appraise('ap1', 'A', 'I.2', { action: 'score', score: 1 });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ appraisalStatus: 'agreed', appraisedScore: 1, appraisalComment: null });
    const events = await s.t.database.db.selectFrom('assessment_event').select('kind')
      .where('unit_id', '=', s.units.A).where('criterion_code', '=', 'I.2').where('kind', 'like', 'appraisal%').execute();
    expect(events.map((e) => e.kind)).toEqual(['appraisal_score']);
  });

  it('detects concurrent appraisals of one leaf: the second gets 409 version_conflict with the leaf as it is now, nothing overwritten', async () => {
    const v = await s.version(s.units.A, 'I.1');
    const first = await appraise('ap1', 'A', 'I.1', { action: 'score', score: 0.5, comment: 'Thiếu quyết định ban hành.' }, v);
    expect(first.statusCode, first.body).toBe(200);
    const second = await appraise('analyst', 'A', 'I.1', { action: 'agree' }, v);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('version_conflict');
    expect(second.json().error.details.current).toMatchObject({ code: 'I.1', appraisedScore: 0.5, appraisalComment: 'Thiếu quyết định ban hành.', version: v + 1 });
    const audit = await s.t.database.db.selectFrom('audit_log').select(['action', 'new_value']).where('entity', '=', 'assessment_leaf').where('entity_key', '=', `${s.campaignId}/${s.units.A}/I.1`).execute();
    expect(audit.map((a) => a.action)).toContain('appraisal_score');
    expect(audit.map((a) => a.action)).not.toContain('appraisal_agree');
  });

  it('keeps appraisers to their fields and officers to their unit: 404 outside, 403 for roles that never appraise', async () => {
    const otherField = await appraise('ap1', 'A', 'II.1', { action: 'agree' });
    expect(otherField.statusCode).toBe(404);
    expect(otherField.json().error.code).toBe('not_found');
    expect((await appraise('ap1', 'A', 'IX.9', { action: 'agree' }, 1)).statusCode).toBe(404);
    expect((await s.call('ap1', 'PUT', `/sheets/00000000-0000-4000-8000-000000000000/leaves/I.1/appraisal`, { version: 1, action: 'agree' })).statusCode).toBe(404);
    expect((await appraise('A', 'A', 'I.1', { action: 'agree' }, 1)).statusCode).toBe(403);
    expect((await appraise('supervisor', 'A', 'I.1', { action: 'agree' }, 1)).statusCode).toBe(403);
    expect((await s.call('B', 'PUT', `/sheets/${s.units.A}/leaves/I.1/response`, { version: 1, text: 'x' })).statusCode).toBe(404);
    expect((await s.call('ap1', 'PUT', `/sheets/${s.units.A}/leaves/I.1/response`, { version: 1, text: 'x' })).statusCode).toBe(403);
    // the queue: ap1 sees field I of the submitted sheets only; an officer cannot ask for it
    const queue = (await s.call('ap1', 'GET', '/queue')).json();
    expect(new Set(queue.items.map((i: { field: string }) => i.field))).toEqual(new Set(['I']));
    expect(new Set(queue.items.map((i: { unitCode: string }) => i.unitCode))).toEqual(new Set(['SNV', 'STP']));
    expect((await s.call('A', 'GET', '/queue')).statusCode).toBe(403);
    expect((await s.call('ap1', 'GET', '/progress')).statusCode).toBe(403);
    expect((await s.call('ap1', 'GET', '/export.xlsx')).statusCode).toBe(403);
  });

  it('refuses steps outside their phase (409 phase_closed) and on a sheet not yet submitted (409)', async () => {
    const final = await s.call('ap1', 'PUT', `/sheets/${s.units.A}/leaves/I.1/final`, { version: await s.version(s.units.A, 'I.1'), score: 1 });
    expect(final.statusCode).toBe(409);
    expect(final.json().error.code).toBe('phase_closed');
    expect(final.json().error.message).toMatch(/only be done during Final appraisal\. Open now: Appraisal until/);
    const response = await s.call('A', 'PUT', `/sheets/${s.units.A}/leaves/I.1/response`, { version: await s.version(s.units.A, 'I.1'), text: 'Giải trình' });
    expect(response.json().error.code).toBe('phase_closed');
    const draft = await appraise('ap1', 'C', 'I.1', { action: 'agree' });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().error).toMatchObject({ code: 'conflict', details: { status: 'draft' } });
  });

  it('tells the officers once the sheet is appraised, by e-mail over SMTP too; answers only lowered leaves', async () => {
    for (const code of ['II.1', 'II.2'] as const) expect((await appraise('ap2', 'A', code, { action: 'agree' })).statusCode).toBe(200);
    const last = await appraise('ap2', 'A', 'II.2', { action: 'agree' }); // again: still fine while the phase is open
    expect(last.json().sheetStatus).toBe('appraised');
    const mail = await s.t.database.db.selectFrom('user_mail').select(['to_address', 'status']).execute();
    expect(mail).toEqual([{ to_address: 'can-bo-snv@so.example.vn', status: 'queued' }]);
    expect(await sendUserMail(s.t.database.db, s.t.app.mailer.transport)).toEqual({ sent: 1, failed: 0, retried: 0, uncertain: 0 });
    expect(await sendUserMail(s.t.database.db, s.t.app.mailer.transport)).toEqual({ sent: 0, failed: 0, retried: 0, uncertain: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ to: 'can-bo-snv@so.example.vn' });
    expect(smtp.received[0]!.subject).toMatch(/Đã có kết quả thẩm định/);
    expect(smtp.received[0]!.text).toMatch(/Sở Nội vụ; 1 tiêu chí bị hạ điểm/);

    await s.openPhases('response');
    const agreed = await s.call('A', 'PUT', `/sheets/${s.units.A}/leaves/I.2/response`, { version: await s.version(s.units.A, 'I.2'), text: 'Không cần' });
    expect(agreed.statusCode).toBe(409);
    expect(agreed.json().error.message).toMatch(/nothing to respond to/);
    const lowered = await s.call('A', 'PUT', `/sheets/${s.units.A}/leaves/I.1/response`, { version: await s.version(s.units.A, 'I.1'), text: 'Đã ban hành quyết định, xem trang 1.' });
    expect(lowered.statusCode, lowered.body).toBe(200);
    // B's sheet was never fully appraised: no response yet
    expect((await s.call('B', 'POST', `/sheets/${s.units.B}/response/close`, {})).statusCode).toBe(409);
  });

  it('makes reminders and phase notices once, however often the pass runs; a notification is read only by its owner', async () => {
    const db = s.t.database.db;
    const first = await notifyOpenedPhases(db, new Date());
    expect(first).toBe(5); // response phase: 3 officers + 2 appraisers
    expect(await notifyOpenedPhases(db, new Date())).toBe(0);
    // the response phase closes in a day: A has answered its only lowered leaf, B's sheet is not appraised, C is in draft
    expect(await sendDueReminders(db, new Date(), [3, 1])).toBe(0);
    await db.updateTable('assessment_leaf').set({ response_text: null }).where('unit_id', '=', s.units.A).where('criterion_code', '=', 'I.1').execute();
    expect(await sendDueReminders(db, new Date(), [3, 1])).toBe(1);
    expect(await sendDueReminders(db, new Date(), [3, 1])).toBe(0);
    const mine = (await s.call('A', 'GET', '/api/notifications')).json();
    expect(mine.notifications.map((n: { kind: string }) => n.kind)).toEqual(['deadline_reminder', 'phase_opened', 'appraisal_available']);
    const reminder = mine.notifications[0];
    expect(reminder.message.vi).toMatch(/còn 1 ngày đến hạn Giải trình .*còn 1 tiêu chí bị hạ điểm chưa giải trình/);
    expect((await s.call('B', 'POST', `/api/notifications/${reminder.id}/read`, {})).statusCode).toBe(404);
    expect((await s.call('A', 'POST', `/api/notifications/999999999/read`, {})).statusCode).toBe(404);
    const read = await s.call('A', 'POST', `/api/notifications/${reminder.id}/read`, {});
    expect(read.statusCode, read.body).toBe(200);
    const after = (await s.call('A', 'GET', '/api/notifications?unread=true')).json();
    expect(after.unread).toBe(mine.unread - 1);
    expect(after.notifications.map((n: { id: string }) => n.id)).not.toContain(reminder.id);
  });

  it('e-mails each new notification once; an address the SMTP server refuses (5xx) is marked failed, the others are sent', async () => {
    smtp.refuse.set('can-bo-snv@so.example.vn', 'permanent');
    const before = smtp.received.length;
    // queued by the previous test: the response phase notice to 3 officers and 2 appraisers, A's reminder
    expect(await sendUserMail(s.t.database.db, s.t.app.mailer.transport)).toEqual({ sent: 4, failed: 2, retried: 0, uncertain: 0 });
    expect(smtp.received.slice(before).map((m) => m.to).sort()).toEqual(['can-bo-stp@so.example.vn', 'can-bo-syt@so.example.vn', 'tham-dinh-1@so.example.vn', 'tham-dinh-2@so.example.vn']);
    const failed = await s.t.database.db.selectFrom('user_mail').select(['to_address', 'last_error']).where('status', '=', 'failed').execute();
    expect(failed).toHaveLength(2);
    expect(failed[0]!.last_error).toMatch(/550|Mailbox unavailable/);
    expect(await sendUserMail(s.t.database.db, s.t.app.mailer.transport)).toEqual({ sent: 0, failed: 0, retried: 0, uncertain: 0 });
  });
});
