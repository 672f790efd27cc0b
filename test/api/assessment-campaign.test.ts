import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { runAssessmentNotifications } from '../../server/features/assessment/reminders';
import { sendUserMail } from '../../server/features/assessment/notifications-mail';
import { appraisalScenario, LEAVES, pdf, SET, type AppraisalScenario, type Who } from './assessment-appraisal-scenario';

// A whole self-assessment campaign through the API (issue 11), on both databases: 3 departments × 2 fields; officers
// self-assess with evidence and submit; the appraisers of field I and field II appraise (one score lowered with a
// comment, one "more evidence"); the units respond (one with a new file); final appraisal; council approval; the
// ranking uses the approved scores; the yearly report gives the appraisal comment as the reason for the points lost;
// the council's workbook holds self / appraised / final per leaf per unit; notifications along the way.

/** Self scores per unit (max: I.1 1, I.2 2, II.1 2, II.2 2). */
const SELF: Record<'A' | 'B' | 'C', Record<(typeof LEAVES)[number], number>> = {
  A: { 'I.1': 1, 'I.2': 2, 'II.1': 2, 'II.2': 1.5 },
  B: { 'I.1': 1, 'I.2': 1.5, 'II.1': 2, 'II.2': 2 },
  C: { 'I.1': 0.5, 'I.2': 2, 'II.1': 1, 'II.2': 2 },
};
const LOWERED_COMMENT = 'Kế hoạch CCHC ban hành muộn (sau ngày 31/12), không đủ điều kiện đạt điểm tối đa.';
const FINAL_COMMENT = 'Đã giải trình một phần: kế hoạch bổ sung có hiệu lực từ quý I; giữ mức trừ 0,25 điểm.';

describeEachDb('a whole self-assessment campaign through the API: self, evidence, appraisal, response, final, approval, ranking, report, workbook', (kind) => {
  let s: AppraisalScenario;
  const officer = { A: 'A', B: 'B', C: 'C' } as const;

  beforeAll(async () => { s = await appraisalScenario(kind); });
  afterAll(() => s?.close());

  const leafPut = async (who: Who, unit: 'A' | 'B' | 'C', code: string, step: string, body: Record<string, unknown>) => {
    const res = await s.call(who, 'PUT', `/sheets/${s.units[unit]}/leaves/${code}/${step}`, { version: await s.version(s.units[unit], code), ...body });
    expect(res.statusCode, `${step} ${unit} ${code}: ${res.body}`).toBe(200);
    return res.json();
  };
  const notifications = async (who: Who) => (await s.call(who, 'GET', '/api/notifications')).json() as { notifications: { id: string; kind: string; message: { vi: string } }[]; unread: number };

  it('self-assessment with evidence, submitted by each unit; officers are told the phase is open', async () => {
    await s.openPhases('self_assessment');
    // 3 officers + 2 appraisers; the phase closes within a day: a reminder to each officer whose sheet is not submitted
    expect(await runAssessmentNotifications(s.t.database.db, new Date(), [3, 1])).toEqual({ phaseOpened: 5, reminders: 3, approved: 0 });
    expect((await notifications('A')).notifications.map((n) => n.kind).sort()).toEqual(['deadline_reminder', 'phase_opened']);
    for (const u of ['A', 'B', 'C'] as const) {
      // one plan (PDF) uploaded and attached to I.1 at once, with the page where the evidence is
      const up = await s.upload(officer[u], s.units[u], [{ name: `Kế hoạch CCHC ${u}.pdf`, data: pdf(`plan-${u}`) }], { criterionCode: 'I.1', pointer: 'trang 2, mục II' });
      expect(up.statusCode, up.body).toBe(201);
      for (const code of LEAVES) {
        const max = SET.criteria.find((c) => c.code === code)!.maxPoints;
        await leafPut(officer[u], u, code, 'self', { score: SELF[u][code], ...(SELF[u][code] < max ? { explanation: `Chưa đạt tối đa: xem báo cáo trang ${code}` } : {}) });
      }
      const submit = await s.call(officer[u], 'POST', `/sheets/${s.units[u]}/submit`, {});
      expect(submit.statusCode, submit.body).toBe(200);
    }
    const progress = (await s.call('analyst', 'GET', '/progress')).json();
    const cellA = progress.units.find((x: { unitId: string }) => x.unitId === s.units.A).cells;
    expect(cellA).toEqual([
      { field: 'I', leaves: 2, selfPct: 100, evidencePct: 50, appraisedPct: 0, respondedPct: null, lowered: 0 },
      { field: 'II', leaves: 2, selfPct: 100, evidencePct: 0, appraisedPct: 0, respondedPct: null, lowered: 0 },
    ]);
  });

  it('appraisal: each appraiser works through the queue of their field; a lowered score carries its comment; sheets become appraised and the units are told', async () => {
    await s.openPhases('appraisal');
    const q1 = (await s.call('ap1', 'GET', '/queue')).json();
    expect(q1.items.map((i: { unitCode: string; code: string }) => `${i.unitCode}:${i.code}`)).toEqual(['SNV:I.1', 'SNV:I.2', 'STP:I.1', 'STP:I.2', 'SYT:I.1', 'SYT:I.2']);
    expect(q1.items[0]).toMatchObject({ selfScore: 1, evidenceCount: 1, appraisalStatus: 'pending', field: 'I' });
    expect(q1.pending).toBe(6);
    // field I: A's plan lowered with a comment; everything else agreed
    await leafPut('ap1', 'A', 'I.1', 'appraisal', { action: 'score', score: 0.5, comment: LOWERED_COMMENT });
    for (const [u, code] of [['A', 'I.2'], ['B', 'I.1'], ['B', 'I.2'], ['C', 'I.1'], ['C', 'I.2']] as const) await leafPut('ap1', u, code, 'appraisal', { action: 'agree' });
    // field II: B's II.2 needs more evidence; the rest agreed
    await leafPut('ap2', 'B', 'II.2', 'appraisal', { action: 'more_evidence', comment: 'Cần bổ sung sổ theo dõi hồ sơ quý IV.' });
    for (const [u, code] of [['A', 'II.1'], ['A', 'II.2'], ['B', 'II.1'], ['C', 'II.1'], ['C', 'II.2']] as const) await leafPut('ap2', u, code, 'appraisal', { action: 'agree' });

    const differs = (await s.call('ap1', 'GET', '/queue?differs=true')).json();
    expect(differs.items).toMatchObject([{ unitCode: 'SNV', code: 'I.1', appraisedScore: 0.5, appraisalComment: LOWERED_COMMENT }]);
    const sheets = (await s.call('analyst', 'GET', '/sheets')).json().sheets as { unitId: string; status: string }[];
    expect(sheets.map((x) => x.status)).toEqual(['appraised', 'appraised', 'appraised']);
    const told = await notifications('A');
    expect(told.notifications[0]).toMatchObject({ kind: 'appraisal_available' });
    expect(told.notifications[0]!.message.vi).toMatch(/1 tiêu chí bị hạ điểm/);
    expect(told.unread).toBe(3);
  });

  it('response: the units answer the lowered leaves, one with a new file; A closes its response', async () => {
    await s.openPhases('response');
    const up = await s.upload('A', s.units.A, [{ name: 'Kế hoạch bổ sung.pdf', data: pdf('plan-A-amended') }], { criterionCode: 'I.1', stage: 'response', pointer: 'trang 1' });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().documents[0].links).toMatchObject([{ criterionCode: 'I.1', stage: 'response' }]);
    const a = await leafPut('A', 'A', 'I.1', 'response', { text: 'Đơn vị đã ban hành kế hoạch bổ sung, gửi kèm văn bản.' });
    expect(a).toMatchObject({ responseText: 'Đơn vị đã ban hành kế hoạch bổ sung, gửi kèm văn bản.', appraisedScore: 0.5 });
    await leafPut('B', 'B', 'II.2', 'response', { text: 'Đã bổ sung sổ theo dõi (trang 4–7).' });
    const close = await s.call('A', 'POST', `/sheets/${s.units.A}/response/close`, {});
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json()).toEqual({ status: 'responded' });
    const progress = (await s.call('analyst', 'GET', '/progress')).json();
    const cell = (u: string, f: string) => progress.units.find((x: { unitId: string }) => x.unitId === u).cells.find((c: { field: string }) => c.field === f);
    expect(cell(s.units.A, 'I')).toMatchObject({ appraisedPct: 100, respondedPct: 100, lowered: 1, evidencePct: 50 });
    expect(cell(s.units.C, 'I')).toMatchObject({ appraisedPct: 100, respondedPct: null, lowered: 0 });
  });

  it('final appraisal: final scores for the answered leaves; the others keep their appraised score; every sheet finalised', async () => {
    await s.openPhases('final_appraisal');
    const a = await leafPut('ap1', 'A', 'I.1', 'final', { score: 0.75, comment: FINAL_COMMENT });
    expect(a).toMatchObject({ finalScore: 0.75, sheetStatus: 'finalised' });
    const b = await leafPut('ap2', 'B', 'II.2', 'final', { score: 2 });
    expect(b).toMatchObject({ finalScore: 2, sheetStatus: 'finalised' });
    // C had nothing lowered: the analyst finalises it, every leaf keeping its appraised score
    const c = await s.call('analyst', 'POST', `/sheets/${s.units.C}/finalise`, {});
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toEqual({ status: 'finalised', remaining: 0 });
    const history = (await s.call('A', 'GET', `/sheets/${s.units.A}/leaves/I.1/history`)).json().events as { kind: string; from: number | null; to: number | null; comment: string | null }[];
    expect(history.filter((e) => e.kind !== 'self' && !['submit'].includes(e.kind)).map((e) => [e.kind, e.from, e.to])).toEqual(
      expect.arrayContaining([['appraisal_score', 1, 0.5], ['response', 0.5, null], ['final', 0.5, 0.75]]));
  });

  it('approval locks the scores; ranking and the report use them; the report gives the appraisal comment as the reason; officers are told', async () => {
    await s.openPhases('approval');
    for (const u of ['A', 'B', 'C'] as const) {
      const res = await s.call('analyst', 'POST', `/sheets/${s.units[u]}/approve`, {});
      expect(res.statusCode, res.body).toBe(200);
    }
    // the approval told the officers itself; the minute pass finds nothing left to say
    expect(await s.t.database.db.selectFrom('user_notification').select('user_id').where('kind', '=', 'sheet_approved').execute()).toHaveLength(3);
    expect((await runAssessmentNotifications(s.t.database.db, new Date(), [3, 1])).approved).toBe(0); // once
    expect((await notifications('B')).notifications.map((n) => n.kind)).toContain('sheet_approved');
    // without SMTP_URL every notification's e-mail lands in the outbox, once
    const queued = Number((await s.t.database.db.selectFrom('user_mail').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await sendUserMail(s.t.database.db, s.t.app.mailer.transport)).toEqual({ sent: queued, failed: 0, retried: 0, uncertain: 0 });
    const outbox = await s.t.database.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body']).where('subject', 'like', '%phê duyệt%').execute();
    expect(outbox.map((m) => m.to_address).sort()).toEqual(['can-bo-snv@so.example.vn', 'can-bo-stp@so.example.vn', 'can-bo-syt@so.example.vn']);
    expect(outbox[0]!.body).toMatch(/Hội đồng đã phê duyệt kết quả của Sở/);

    const ranking = (await s.call('analyst', 'GET', `/api/campaigns/${s.campaignId}/ranking`)).json();
    expect(ranking.notApproved.count).toBe(0);
    const score = Object.fromEntries(ranking.units.map((u: { unitId: string; score: number }) => [u.unitId, u.score]));
    // A: 0.75 + 2 + 2 + 1.5 (final on I.1, the rest as self) · B: 1 + 1.5 + 2 + 2 · C: 0.5 + 2 + 1 + 2
    expect(score[s.units.A]).toBeCloseTo(6.25, 10);
    expect(score[s.units.B]).toBeCloseTo(6.5, 10);
    expect(score[s.units.C]).toBeCloseTo(5.5, 10);
    expect(ranking.units.map((u: { unitId: string }) => u.unitId)).toEqual([s.units.B, s.units.A, s.units.C]);

    const report = (await s.call('analyst', 'GET', `/api/campaigns/${s.campaignId}/units/${s.units.A}/report`)).json();
    expect(report.lost).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'I.1', appraised: 0.75, lost: 0.25, note: FINAL_COMMENT })]));
  });

  it('the council workbook: a summary of every unit and, per unit, self / appraised / final with comments and responses as 2-decimal numbers', async () => {
    const res = await s.call('analyst', 'GET', '/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'SNV', 'STP', 'SYT']);
    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(summary.getRow(2).values).toEqual(expect.arrayContaining(['Đơn vị', 'Tổng điểm tự đánh giá', 'Tổng điểm thẩm định', 'Tổng điểm cuối cùng']));
    const rowA = summary.getRow(3);
    expect([rowA.getCell(2).value, rowA.getCell(5).value, rowA.getCell(6).value, rowA.getCell(7).value, rowA.getCell(8).value, rowA.getCell(9).value]).toEqual(['SNV', 7, 6.5, 6, 6.25, 1]);
    expect(rowA.getCell(8).numFmt).toBe('0.00');
    const sheetA = wb.getWorksheet('SNV')!;
    const i1 = sheetA.getRows(1, sheetA.rowCount)!.find((r) => r.getCell(1).value === 'I.1')!;
    expect([2, 3, 4, 5, 6, 7, 8, 9].map((c) => i1.getCell(c).value)).toEqual([
      'Ban hành kế hoạch CCHC', 1, 1, 0.5, 0.75, LOWERED_COMMENT, 'Đơn vị đã ban hành kế hoạch bổ sung, gửi kèm văn bản.', FINAL_COMMENT,
    ]);
    expect(i1.getCell(5).numFmt).toBe('0.00');
  });
});
