import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { createUnit } from '../../server/features/units/service';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUser } from '../../server/features/users/service';
import { hashToken, newToken } from '../../server/features/auth/passwords';
import { insertCriteriaSetIfAbsent } from '../../server/features/criteria/repository';
import type { CriteriaSet } from '../../analytics/src/types';

// The self-assessment workflow core through the API (issue 11, server/features/assessment/DESIGN.md): phases enforced,
// version conflicts, officer and appraiser scope, submit gaps and acknowledgement, per-unit reopen, council approval
// writing the official scores and locking the sheet, ranking counting approved units only.

/** A small internal set: field I (a manual leaf needing evidence, a ratio leaf), field II (two manual leaves). */
const SET: CriteriaSet = {
  code: 'test-internal-dept', year: 2025, name: 'Bộ tiêu chí thử cho sở',
  criteria: [
    { code: 'I', parent: null, level: 0, name: 'Công tác chỉ đạo', maxPoints: 3, source: null },
    { code: 'I.1', parent: 'I', level: 1, name: 'Kế hoạch CCHC', maxPoints: 1, source: 'content', rule: null },
    { code: 'I.2', parent: 'I', level: 1, name: 'Tỷ lệ nhiệm vụ hoàn thành', maxPoints: 2, source: 'content', rule: { kind: 'ratio' } },
    { code: 'II', parent: null, level: 0, name: 'Thủ tục hành chính', maxPoints: 4, source: null },
    { code: 'II.1', parent: 'II', level: 1, name: 'Công khai thủ tục', maxPoints: 2, source: 'content', rule: null },
    { code: 'II.2', parent: 'II', level: 1, name: 'Giải quyết đúng hạn', maxPoints: 2, source: 'content', rule: null },
  ],
};

const HOUR = 3600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

describeEachDb('self-assessment workflow: phases, versions, scope, submit, reopen, approval, ranking', (kind) => {
  let t: TestApp;
  let P: string;
  let campaignId: string;
  const unit: Record<'a' | 'b', string> = { a: '', b: '' };
  const cookie: Record<string, string> = {};

  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${P}${url}`, headers: { cookie: cookie[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const sheet = async (who: string, unitId: string) => (await call(who, 'GET', `/sheets/${unitId}`)).json();
  const leafOf = (s: { nodes: { code: string; leaf?: { version: number } }[] }, code: string) => s.nodes.find((n) => n.code === code)!.leaf!;
  const setPhases = async (phases: { phase: string; opensAt: string; closesAt: string | null }[]) => {
    const res = await call('admin', 'PUT', '/phases', { phases });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const self = async (who: string, unitId: string, code: string, body: Record<string, unknown>) => {
    const version = body.version ?? leafOf(await sheet('admin', unitId), code).version;
    return call(who, 'PUT', `/sheets/${unitId}/leaves/${code}/self`, { ...body, version });
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.database.db;
    await insertCriteriaSetIfAbsent(db, SET);
    await db.updateTable('criterion').set({ evidence_required: true, evidence_expected: JSON.stringify(['Kế hoạch CCHC năm']) })
      .where('criteria_set_code', '=', SET.code).where('code', '=', 'I.1').execute();
    const province = await createUnit(db, { code: 'T', name: 'Tỉnh thử', parentId: null, kind: 'province', group: null });
    unit.a = (await createUnit(db, { code: 'SA', name: 'Sở A', parentId: province.id, kind: 'department', group: 'so' })).id;
    unit.b = (await createUnit(db, { code: 'SB', name: 'Sở B', parentId: province.id, kind: 'department', group: 'so' })).id;
    campaignId = (await createCampaign(db, {
      name: 'Tự đánh giá 2025', year: 2025, criteriaSetCode: SET.code, bandSetCode: 'national', unitIds: [unit.a, unit.b], previousCampaignId: null,
    })).id;
    P = `/api/campaigns/${campaignId}/assessment`;
    const session = async (userId: string) => {
      const token = newToken();
      await db.insertInto('user_session').values({ token_hash: hashToken(token), user_id: userId, expires_at: new Date(Date.now() + HOUR) }).execute();
      return `sid=${token}`;
    };
    const officerA = await createUser(db, { username: 'officer-a', displayName: 'Cán bộ Sở A', role: 'unit_officer', password: TEST_PASSWORD, unitId: unit.a });
    const officerB = await createUser(db, { username: 'officer-b', displayName: 'Cán bộ Sở B', role: 'unit_officer', password: TEST_PASSWORD, unitId: unit.b });
    const appraiser = await createUser(db, { username: 'appraiser-1', displayName: 'Thẩm định viên I', role: 'appraiser', password: TEST_PASSWORD });
    Object.assign(cookie, {
      admin: await t.cookieFor('admin'), analyst: await t.cookieFor('analyst'),
      a: await session(officerA.id), b: await session(officerB.id), appraiser: await session(appraiser.id),
    });
    const res = await call('analyst', 'PUT', '/appraisers', { assignments: [{ userId: appraiser.id, criteriaSetCode: SET.code, criterionCode: 'I' }] });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('validates appraiser assignments: role, set used by the campaign, criterion in the set', async () => {
    const analystId = t.users.analyst.id;
    const wrongRole = await call('analyst', 'PUT', '/appraisers', { assignments: [{ userId: analystId, criteriaSetCode: SET.code, criterionCode: 'I' }] });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().error.message).toMatch(/Assignment 1, field userId: .* does not have the appraiser role/);
    const list = (await call('analyst', 'GET', '/appraisers')).json();
    const appraiserId = list.assignments[0].userId;
    const otherSet = await call('analyst', 'PUT', '/appraisers', { assignments: [{ userId: appraiserId, criteriaSetCode: 'par-province-2023', criterionCode: '1' }] });
    expect(otherSet.json().error.message).toMatch(/criteria set "par-province-2023" is not used by this campaign/);
    const noCode = await call('analyst', 'PUT', '/appraisers', { assignments: [{ userId: appraiserId, criteriaSetCode: SET.code, criterionCode: 'IX' }] });
    expect(noCode.json().error.message_vi).toMatch(/không có tiêu chí IX/);
    expect((await call('analyst', 'GET', '/appraisers')).json().assignments).toMatchObject([{ criterionCode: 'I', username: 'appraiser-1' }]);
  });

  it('user management: a unit officer needs a unit, other roles have none', async () => {
    const users = (method: 'POST' | 'PATCH', url: string, payload: object) =>
      t.app.inject({ method, url: `/api/users${url}`, headers: { cookie: cookie.admin! }, payload });
    const noUnit = await users('POST', '', { username: 'officer-x', displayName: 'Cán bộ X', role: 'unit_officer', password: TEST_PASSWORD });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.message).toMatch(/Field unitId: a unit officer \(unit_officer\) must belong to one unit/);
    const created = await users('POST', '', { username: 'officer-x', displayName: 'Cán bộ X', role: 'unit_officer', password: TEST_PASSWORD, unitId: unit.b, email: 'x@so-b.gov.vn' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user).toMatchObject({ role: 'unit_officer', unitId: unit.b, unitName: 'Sở B', email: 'x@so-b.gov.vn' });
    const id = created.json().user.id;
    const analyst = await users('PATCH', `/${id}`, { role: 'analyst' });
    expect(analyst.json().user).toMatchObject({ role: 'analyst', unitId: null, unitName: null });
    const back = await users('PATCH', `/${id}`, { role: 'unit_officer' });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.message_vi).toMatch(/Trường unitId/);
    expect((await users('PATCH', `/${id}`, { role: 'unit_officer', unitId: unit.a })).json().user).toMatchObject({ unitName: 'Sở A' });
    expect((await users('PATCH', `/${id}`, { email: 'không-phải-thư' })).statusCode).toBe(400);
    expect((await users('PATCH', `/${id}`, { active: false })).json().user.active).toBe(false);
  });

  it('refuses self-assessment before its window and after it, naming the phase that is open', async () => {
    await setPhases([{ phase: 'self_assessment', opensAt: at(2 * HOUR), closesAt: at(48 * HOUR) }]);
    const before = await self('a', unit.a, 'I.1', { score: 1 });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.code).toBe('phase_closed');
    expect(before.json().error.message).toMatch(/only be done during Self-assessment\. No phase is open; Self-assessment opens on/);
    const phases = await setPhases([
      { phase: 'self_assessment', opensAt: at(-48 * HOUR), closesAt: at(-HOUR) },
      { phase: 'appraisal', opensAt: at(-HOUR), closesAt: at(24 * HOUR) },
    ]);
    expect(phases.openNow).toEqual(['appraisal']);
    const after = await self('a', unit.a, 'I.1', { score: 1 });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.message).toMatch(/Open now: Appraisal until/);
    expect(after.json().error.message_vi).toMatch(/Đang mở: Thẩm định đến/);
    // the phase change is audited
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'assessment_phase').where('entity_key', '=', campaignId).execute();
    expect(audits.length).toBeGreaterThanOrEqual(2);
    await setPhases([{ phase: 'self_assessment', opensAt: at(-HOUR), closesAt: at(24 * HOUR) }]);
  });

  it('detects concurrent edits: a second write naming the same version gets 409 with the leaf as it is now', async () => {
    const v = leafOf(await sheet('a', unit.a), 'II.1').version;
    const first = await self('a', unit.a, 'II.1', { version: v, score: 2 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().leaf).toMatchObject({ selfScore: 2, version: v + 1 });
    const second = await self('admin', unit.a, 'II.1', { version: v, score: 1, explanation: 'sửa lại' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('version_conflict');
    expect(second.json().error.details.current).toMatchObject({ code: 'II.1', selfScore: 2, version: v + 1, explanation: null });
    expect(leafOf(await sheet('a', unit.a), 'II.1')).toMatchObject({ selfScore: 2 });
  });

  it('computes rule leaves from the evidence figures, keeps scores within [0, max], records history and audit', async () => {
    const ratio = await self('a', unit.a, 'I.2', { inputs: { numerator: 9, denominator: 12 } });
    expect(ratio.statusCode, ratio.body).toBe(200);
    expect(ratio.json().leaf).toMatchObject({ selfScore: 1.5, selfInputs: { numerator: 9, denominator: 12 } });
    const typed = await self('a', unit.a, 'I.2', { score: 2 });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().error.message).toMatch(/Criterion I.2, field score: the points are computed from the evidence figures/);
    const zero = await self('a', unit.a, 'I.2', { inputs: { numerator: 1, denominator: 0 } });
    expect(zero.json().error.message).toMatch(/field inputs: The denominator is 0/);
    const over = await self('a', unit.a, 'II.2', { score: 2.5 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message_vi).toMatch(/Tiêu chí II.2, trường score: điểm 2,5 nằm ngoài khoảng 0–2/);
    const history = (await call('a', 'GET', `/sheets/${unit.a}/leaves/I.2/history`)).json();
    expect(history.events).toMatchObject([{ kind: 'self', from: null, to: 1.5, user: 'Cán bộ Sở A' }]);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'new_value']).where('entity', '=', 'assessment_leaf')
      .where('entity_key', '=', `${campaignId}/${unit.a}/I.2`).execute();
    expect(audit).toMatchObject([{ action: 'self_assessment', new_value: { self: 1.5, inputs: { numerator: 9, denominator: 12 } } }]);
  });

  it('keeps officers to their own unit and appraisers to their fields (404 outside scope)', async () => {
    expect((await call('a', 'GET', `/sheets/${unit.b}`)).statusCode).toBe(404);
    const v = leafOf(await sheet('admin', unit.b), 'II.1').version;
    const cross = await call('a', 'PUT', `/sheets/${unit.b}/leaves/II.1/self`, { version: v, score: 0 });
    expect(cross.statusCode).toBe(404);
    expect((await call('a', 'POST', `/sheets/${unit.b}/submit`, {})).statusCode).toBe(404);
    expect((await call('a', 'GET', '/sheets')).json().sheets.map((s: { unitId: string }) => s.unitId)).toEqual([unit.a]);
    // the appraiser of field I sees only field I, in every unit
    const seen = await sheet('appraiser', unit.b);
    expect(seen.nodes.map((n: { code: string }) => n.code)).toEqual(['I', 'I.1', 'I.2']);
    expect((await call('appraiser', 'GET', `/sheets/${unit.a}/leaves/II.1/history`)).statusCode).toBe(404);
    expect((await call('appraiser', 'PUT', `/sheets/${unit.a}/leaves/I.1/self`, { version: 1, score: 1 })).statusCode).toBe(403);
    // appraising a leaf outside one's fields: not found (the appraisal route builds on the same scope)
    const appraisal = await call('appraiser', 'PUT', `/sheets/${unit.a}/leaves/II.1/appraisal`, { version: 1, action: 'agree' });
    expect(appraisal.statusCode, appraisal.body).toBe(404);
    const list = (await call('appraiser', 'GET', '/sheets')).json().sheets;
    expect(list.map((s: { leaves: number }) => s.leaves)).toEqual([2, 2]);
  });

  it('refuses a score on a criterion not applicable to the unit and leaves it out of the checks', async () => {
    await t.database.db.insertInto('content_score').values({
      campaign_id: campaignId, unit_id: unit.b, criterion_code: 'II.2', self_score: null, appraised: null, numerator: null, denominator: null,
      not_applicable: true, not_applicable_reason: 'Sở không có thủ tục hành chính', note: null, updated_by: null,
    }).execute();
    const res = await self('b', unit.b, 'II.2', { score: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/does not apply to this unit \(Sở không có thủ tục hành chính\)/);
    const s = await sheet('b', unit.b);
    expect(s.nodes.find((n: { code: string }) => n.code === 'II.2')).toMatchObject({ notApplicable: true, can: { self: false } });
    expect(s.totals.max).toBe(5);
    const check = (await call('b', 'GET', `/sheets/${unit.b}/check`)).json();
    expect(check.missing.map((m: { code: string }) => m.code)).not.toContain('II.2');
  });

  it('lists the gaps before submission and refuses to submit until complete or acknowledged', async () => {
    await self('a', unit.a, 'II.2', { score: 1 });
    const check = (await call('a', 'GET', `/sheets/${unit.a}/check`)).json();
    expect(check.missing.map((m: { code: string; kind: string }) => `${m.code}:${m.kind}`)).toEqual([
      'I.1:no_score', 'I.1:no_evidence', 'I.2:no_explanation', 'II.2:no_explanation',
    ]);
    expect(check.missing[1].message.vi).toBe('I.1 Kế hoạch CCHC: cần tài liệu kiểm chứng nhưng chưa đính kèm tài liệu nào.');
    const refused = await call('a', 'POST', `/sheets/${unit.a}/submit`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'validation' });
    expect(refused.json().error.details.missing).toHaveLength(4);
    expect(refused.json().error.message).toMatch(/Cannot submit yet: 4 gap\(s\) remain\. I\.1 Kế hoạch CCHC: no self-assessed score yet\./);
    const explained = await self('a', unit.a, 'II.2', { explanation: 'Một hồ sơ trễ hạn (xem báo cáo quý IV, mục 2)' });
    expect(explained.json().gaps).toEqual([]);
    const ok = await call('a', 'POST', `/sheets/${unit.a}/submit`, { acknowledge: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'submitted' });
    expect(ok.json().acknowledged.map((g: { code: string }) => g.code)).toEqual(['I.1', 'I.1', 'I.2']);
    const row = await t.database.db.selectFrom('assessment_sheet').select(['status', 'acknowledged_gaps']).where('unit_id', '=', unit.a).executeTakeFirstOrThrow();
    expect(row.acknowledged_gaps).toHaveLength(3);
    const late = await self('a', unit.a, 'I.1', { score: 1 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/has been submitted for appraisal/);
  });

  it('lets an admin reopen one unit\'s self-assessment with a recorded reason, even after the window closed', async () => {
    await setPhases([
      { phase: 'self_assessment', opensAt: at(-48 * HOUR), closesAt: at(-HOUR) },
      { phase: 'approval', opensAt: at(-HOUR), closesAt: at(24 * HOUR) },
    ]);
    expect((await call('analyst', 'POST', `/sheets/${unit.a}/reopen`, { phase: 'self_assessment', until: at(HOUR), reason: 'Bổ sung' })).statusCode).toBe(403);
    const noReason = await call('admin', 'POST', `/sheets/${unit.a}/reopen`, { phase: 'self_assessment', until: at(HOUR), reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    const reopened = await call('admin', 'POST', `/sheets/${unit.a}/reopen`, { phase: 'self_assessment', until: at(HOUR), reason: 'Sở A bổ sung kế hoạch CCHC' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'draft', reopened: { phase: 'self_assessment', reason: 'Sở A bổ sung kế hoạch CCHC' } });
    // unit A may edit again; unit B, not reopened, may not
    const edit = await self('a', unit.a, 'I.1', { score: 1, explanation: 'Kế hoạch số 12/KH-SA, trang 3' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().can.self).toBe(true);
    const closed = await self('b', unit.b, 'II.1', { score: 1 });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toMatch(/Open now: Council approval until/);
    const audit = await t.database.db.selectFrom('audit_log').select('new_value').where('entity', '=', 'assessment_sheet').where('action', '=', 'reopen').execute();
    expect(audit).toMatchObject([{ new_value: { status: 'draft', reopenedPhase: 'self_assessment', reopenReason: 'Sở A bổ sung kế hoạch CCHC' } }]);
    expect((await call('a', 'POST', `/sheets/${unit.a}/submit`, { acknowledge: true })).json()).toMatchObject({ status: 'submitted' });
  });

  it('approval copies self and final scores into the official scores and locks the sheet; ranking counts approved units only', async () => {
    expect((await call('a', 'POST', `/sheets/${unit.a}/approve`, {})).statusCode).toBe(403);
    // B never submitted: it cannot be approved yet
    const notReady = await call('analyst', 'POST', `/sheets/${unit.b}/approve`, {});
    expect(notReady.statusCode).toBe(409);
    expect(notReady.json().error.message).toMatch(/cannot be approved yet: the sheet is in self-assessment; it must be submitted, awaiting appraisal/);
    const approved = await call('analyst', 'POST', `/sheets/${unit.a}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', leavesWritten: 4 });
    const notices = await t.database.db.selectFrom('user_notification as n').innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.kind']).where('n.unit_id', '=', unit.a).execute();
    expect(notices).toEqual([{ username: 'officer-a', kind: 'sheet_approved' }]);
    const scores = await t.database.db.selectFrom('content_score').select(['criterion_code', 'self_score', 'appraised'])
      .where('campaign_id', '=', campaignId).where('unit_id', '=', unit.a).orderBy('criterion_code').execute();
    expect(scores.map((r) => [r.criterion_code, Number(r.self_score), Number(r.appraised)])).toEqual([
      ['I.1', 1, 1], ['I.2', 1.5, 1.5], ['II.1', 2, 2], ['II.2', 1, 1],
    ]);
    // the score edit is audited as usual
    const edits = await t.database.db.selectFrom('audit_log').select('entity_key').where('entity', '=', 'content_score').where('entity_key', 'like', `${campaignId}/${unit.a}/%`).execute();
    expect(edits).toHaveLength(4);
    // locked: every later write is refused with a clear message
    await call('admin', 'POST', `/sheets/${unit.a}/reopen`, { phase: 'self_assessment', until: at(HOUR), reason: 'thử' }).then((r) => {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toMatch(/were approved by the council .* and are locked/);
    });
    const locked = await self('admin', unit.a, 'I.1', { score: 0 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message_vi).toMatch(/đã được Hội đồng phê duyệt/);
    expect((await call('analyst', 'POST', `/sheets/${unit.a}/approve`, {})).statusCode).toBe(409);
    const view = await sheet('a', unit.a);
    expect(view.sheet.status).toBe('approved');
    expect(view.nodes.every((n: { can: Record<string, boolean> }) => Object.values(n.can).every((x) => !x))).toBe(true);

    // B has scores of its own (typed by an analyst) but is not approved: it is left out and counted
    await t.database.db.insertInto('content_score').values({
      campaign_id: campaignId, unit_id: unit.b, criterion_code: 'II.1', self_score: 2, appraised: 2, numerator: null, denominator: null, note: null, updated_by: null,
    }).execute();
    const ranking = (await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/ranking`, headers: { cookie: cookie.analyst! } })).json();
    expect(ranking.units.map((u: { unit: string }) => u.unit)).toEqual(['Sở A']);
    expect(ranking.notApproved).toEqual({ count: 1, units: [{ unitId: unit.b, unit: 'Sở B' }] });
    const report = (await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/units/${unit.b}/report`, headers: { cookie: cookie.analyst! } })).json();
    expect(report.approval).toMatchObject({ approved: false, notApprovedCount: 1 });
  });

  it('a commune scored with its own set (per unit kind) is self-assessed, approved and ranked with that set', async () => {
    const db = t.database.db;
    const communeSet: CriteriaSet = {
      code: 'test-internal-commune', year: 2025, name: 'Bộ tiêu chí thử cho xã',
      criteria: [
        { code: 'A', parent: null, level: 0, name: 'Chỉ đạo điều hành', maxPoints: 5, source: null },
        { code: 'A.1', parent: 'A', level: 1, name: 'Kế hoạch CCHC của xã', maxPoints: 5, source: 'content', rule: null },
      ],
    };
    await insertCriteriaSetIfAbsent(db, communeSet);
    const province = (await db.selectFrom('unit').select('id').where('code', '=', 'T').executeTakeFirstOrThrow()).id;
    const district = await createUnit(db, { code: 'TH', name: 'Huyện thử', parentId: province, kind: 'district', group: null });
    const commune = (await createUnit(db, { code: 'TX', name: 'Xã thử', parentId: district.id, kind: 'commune', group: 'xa' })).id;
    await db.insertInto('campaign_unit').values({ campaign_id: campaignId, unit_id: commune }).execute();
    await db.insertInto('campaign_criteria_set').values({ campaign_id: campaignId, unit_kind: 'commune', criteria_set_code: communeSet.code }).execute();
    const view = await sheet('admin', commune);
    expect(view.set.code).toBe(communeSet.code);
    expect(view.nodes.map((n: { code: string }) => n.code)).toEqual(['A', 'A.1']);
    await call('admin', 'POST', `/sheets/${commune}/reopen`, { phase: 'self_assessment', until: at(HOUR), reason: 'Xã vào đợt muộn' });
    expect((await self('admin', commune, 'A.1', { score: 4, explanation: 'Kế hoạch ban hành chậm 10 ngày' })).statusCode).toBe(200);
    expect((await call('admin', 'POST', `/sheets/${commune}/submit`, {})).json()).toMatchObject({ status: 'submitted', acknowledged: [] });
    expect((await call('analyst', 'POST', `/sheets/${commune}/approve`, {})).json()).toMatchObject({ status: 'approved', leavesWritten: 1 });
    const ranking = (await t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/ranking`, headers: { cookie: cookie.analyst! } })).json();
    expect(ranking.units.find((u: { unit: string }) => u.unit === 'Xã thử')).toMatchObject({ group: 'xa', score: 4, max: 5, index: 80 });
    expect(ranking.notApproved.count).toBe(1);
  });
});
