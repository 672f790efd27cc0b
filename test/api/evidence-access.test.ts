import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { keyOfSha256 } from '../../server/features/evidence/storage';
import { evidenceScenario, pdfBytes, PNG_BYTES, type EvidenceScenario } from './evidence-scenario';

type Link = { linkId: string; criterionCode: string; pointer: string | null; stage: 'self' | 'response' };
type Doc = { id: string; filename: string; sha256: string; deduplicated: boolean; links: Link[] };
type Who = keyof EvidenceScenario['cookies'];

/**
 * Who sees which evidence (the unit's officers; appraisers of the fields a document supports; admins and analysts;
 * nobody else — 404, including guessed ids), and when evidence may change (self-assessment or response open, sheet
 * not approved), through the HTTP API on both databases.
 */
describeEachDb('evidence access, links and deletion', (kind) => {
  let s: EvidenceScenario;
  const docs: Record<'field1' | 'field2' | 'unlinked' | 'unitB' | 'otherCampaign', Doc> = {} as never;
  const unitUrl = (unitId: string, campaignId = s.campaignId) => `${s.origin}/api/campaigns/${campaignId}/units/${unitId}/evidence`;
  const call = (who: Who, method: string, url: string, body?: unknown) =>
    fetch(url, { method, headers: { cookie: s.cookies[who], ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const content = (who: Who, id: string) => call(who, 'GET', `${s.origin}/api/evidence/${id}/content`);
  const uploadOne = async (who: Who, unitId: string, name: string, fields: Record<string, string> = {}, campaignId?: string) => {
    const res = await s.upload(unitId, s.cookies[who], [{ name, data: pdfBytes(name) }], fields, campaignId);
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { documents: Doc[] }).documents[0]!;
  };
  const error = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; message_vi: string } }).error;

  beforeAll(async () => {
    s = await evidenceScenario(kind);
    await s.setPhases(['self_assessment']);
    await s.setPhases(['self_assessment'], s.otherCampaignId);
    docs.field1 = await uploadOne('officerA', s.unitA, 'Kế hoạch CCHC.pdf', { criterionCode: '1.1', pointer: 'Mục II, trang 3' });
    docs.field2 = await uploadOne('officerA', s.unitA, 'Báo cáo pháp luật.pdf', { criterionCode: '2.1.1' });
    docs.unlinked = await uploadOne('analyst', s.unitA, 'Chưa gắn.pdf');
    docs.unitB = await uploadOne('officerB', s.unitB, 'Đơn vị B.pdf', { criterionCode: '1.1' });
    docs.otherCampaign = await uploadOne('officerA', s.unitA, 'Năm sau.pdf', { criterionCode: '2.1.1' }, s.otherCampaignId);
  });
  afterAll(() => s?.close());

  it('uploads with criterionCode and pointer attach the document at once, create the sheet row and write the leaf history', async () => {
    expect(docs.field1.links).toMatchObject([{ criterionCode: '1.1', pointer: 'Mục II, trang 3', stage: 'self' }]);
    const sheet = await s.t.database.db.selectFrom('assessment_sheet').select('status').where('campaign_id', '=', s.campaignId).where('unit_id', '=', s.unitA).executeTakeFirst();
    expect(sheet?.status).toBe('draft');
    const events = await s.t.database.db.selectFrom('assessment_event').select(['kind', 'comment']).where('criterion_code', '=', '1.1').where('unit_id', '=', s.unitA).execute();
    expect(events).toEqual([{ kind: 'evidence_linked', comment: 'Kế hoạch CCHC.pdf — Mục II, trang 3' }]);
  });

  it('lets each role read exactly the documents in its scope; everyone else gets 404, whatever the id', async () => {
    const matrix: [keyof typeof docs, Who[], Who[]][] = [
      ['field1', ['admin', 'analyst', 'officerA', 'appraiser1'], ['officerB', 'appraiser2', 'supervisor', 'enumerator']],
      ['field2', ['admin', 'analyst', 'officerA', 'appraiser2'], ['officerB', 'appraiser1', 'supervisor', 'enumerator']],
      ['unlinked', ['admin', 'analyst', 'officerA'], ['officerB', 'appraiser1', 'appraiser2', 'supervisor', 'enumerator']],
      ['unitB', ['admin', 'analyst', 'officerB', 'appraiser1'], ['officerA', 'appraiser2', 'supervisor', 'enumerator']],
      // unit A's document in the other campaign, linked to field 2 there
      ['otherCampaign', ['admin', 'analyst', 'officerA', 'appraiser2'], ['officerB', 'appraiser1', 'supervisor', 'enumerator']],
    ];
    for (const [doc, allowed, refused] of matrix) {
      for (const who of allowed) expect((await content(who, docs[doc].id)).status, `${who} reads ${doc}`).toBe(200);
      for (const who of refused) {
        const res = await content(who, docs[doc].id);
        expect(res.status, `${who} reads ${doc}`).toBe(404);
        expect((await error(res)).message).toBe('Evidence document not found.');
      }
    }
    for (const who of ['admin', 'officerA', 'appraiser1'] as Who[]) {
      expect((await content(who, crypto.randomUUID())).status, `${who}: random id`).toBe(404);
    }
    expect((await fetch(`${s.origin}/api/evidence/${docs.field1.id}/content`)).status).toBe(401);
  });

  it('lists a unit’s documents to its officers and staff, to appraisers only those supporting their fields, to nobody else', async () => {
    const ids = async (who: Who, unitId = s.unitA) => {
      const res = await call(who, 'GET', unitUrl(unitId));
      return res.status === 200 ? ((await res.json()) as { documents: Doc[] }).documents.map((d) => d.filename).sort() : res.status;
    };
    const all = ['Báo cáo pháp luật.pdf', 'Chưa gắn.pdf', 'Kế hoạch CCHC.pdf'];
    expect(await ids('officerA')).toEqual(all);
    expect(await ids('analyst')).toEqual(all);
    expect(await ids('appraiser1')).toEqual(['Kế hoạch CCHC.pdf']);
    expect(await ids('appraiser2')).toEqual(['Báo cáo pháp luật.pdf']);
    expect(await ids('officerB')).toBe(404);
    expect(await ids('supervisor')).toBe(404);
    expect(await ids('officerA', s.unitB)).toBe(404);
  });

  it('attaches one document to several leaves with pointers; refuses duplicates, non-leaves and other units’ documents; unlinks', async () => {
    const url = `${unitUrl(s.unitA)}/${docs.field1.id}/links`;
    const linked = await call('officerA', 'POST', url, { criterionCode: '1.2', pointer: 'Phụ lục 1' });
    expect(linked.status, await linked.clone().text()).toBe(201);
    const link = (await linked.json()) as Link;
    expect(link).toMatchObject({ criterionCode: '1.2', pointer: 'Phụ lục 1', stage: 'self' });

    const again = await call('officerA', 'POST', url, { criterionCode: '1.2' });
    expect(again.status).toBe(409);
    expect((await error(again)).message_vi).toBe('Tài liệu «Kế hoạch CCHC.pdf» đã được gắn với tiêu chí 1.2.');
    for (const code of ['1', '1.3', 'X.9']) {
      const res = await call('officerA', 'POST', url, { criterionCode: code });
      expect(res.status, code).toBe(422);
      expect((await error(res)).message).toContain(`“${code}” is not a leaf criterion`);
    }
    // another unit's officer, through either unit's address; an appraiser (not allowed to change evidence at all)
    expect((await call('officerB', 'POST', url, { criterionCode: '1.4' })).status).toBe(404);
    expect((await call('officerB', 'POST', `${unitUrl(s.unitB)}/${docs.field1.id}/links`, { criterionCode: '1.4' })).status).toBe(404);
    expect((await call('appraiser1', 'POST', url, { criterionCode: '1.4' })).status).toBe(403);

    expect((await call('officerB', 'DELETE', `${unitUrl(s.unitB)}/links/${link.linkId}`)).status).toBe(404);
    expect((await call('officerA', 'DELETE', `${unitUrl(s.unitA)}/links/${link.linkId}`)).status).toBe(204);
    expect((await call('officerA', 'DELETE', `${unitUrl(s.unitA)}/links/${link.linkId}`)).status).toBe(404);
    const audit = await s.t.database.db.selectFrom('audit_log').select('action').where('entity_key', '=', docs.field1.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['evidence.upload', 'evidence.link', 'evidence.unlink']);
    const history = await s.t.database.db.selectFrom('assessment_event').select('kind').where('criterion_code', '=', '1.2').where('unit_id', '=', s.unitA).orderBy('id').execute();
    expect(history.map((e) => e.kind)).toEqual(['evidence_linked', 'evidence_unlinked']);
  });

  it('changes evidence only while self-assessment (or response, stage response) is open, and never once the sheet is approved', async () => {
    const doc = await uploadOne('officerA', s.unitA, 'Giải trình.pdf');
    await s.setPhases(['appraisal']);
    const closed = await s.upload(s.unitA, s.cookies.officerA, [{ name: 'Muộn.png', data: PNG_BYTES }]);
    expect(closed.status).toBe(409);
    const err = await error(closed);
    expect(err.code).toBe('phase_closed');
    expect(err.message).toMatch(/^This can only be done during Self-assessment \/ Response\. Open now: Appraisal until /);
    expect(err.message_vi).toMatch(/Đang mở: Thẩm định đến /);
    expect((await call('officerA', 'POST', `${unitUrl(s.unitA)}/${doc.id}/links`, { criterionCode: '1.4' })).status).toBe(409);
    expect((await call('officerA', 'DELETE', `${unitUrl(s.unitA)}/${docs.unlinked.id}`)).status).toBe(409);

    await s.setPhases(['response']);
    const response = await call('officerA', 'POST', `${unitUrl(s.unitA)}/${doc.id}/links`, { criterionCode: '1.4', pointer: 'trang 2' });
    expect(response.status).toBe(201);
    expect(((await response.json()) as Link).stage).toBe('response');
    expect((await call('officerA', 'POST', `${unitUrl(s.unitA)}/${doc.id}/links`, { criterionCode: '1.5', stage: 'self' })).status).toBe(409);
    const withLink = await uploadOne('officerA', s.unitA, 'Bổ sung.pdf', { criterionCode: '1.5' });
    expect(withLink.links[0]!.stage).toBe('response');
    // self-assessment evidence stays during the response; what was added for the response may go
    const selfDoc = await call('officerA', 'DELETE', `${unitUrl(s.unitA)}/${docs.field1.id}`);
    expect(selfDoc.status).toBe(409);
    expect((await error(selfDoc)).code).toBe('phase_closed');
    expect((await call('officerA', 'DELETE', `${unitUrl(s.unitA)}/${withLink.id}`)).status).toBe(204);

    await s.setPhases(['self_assessment']);
    await s.t.database.db.updateTable('assessment_sheet').set({ status: 'approved' }).where('campaign_id', '=', s.campaignId).where('unit_id', '=', s.unitA).execute();
    for (const res of [
      await call('admin', 'DELETE', `${unitUrl(s.unitA)}/${docs.field2.id}`),
      await s.upload(s.unitA, s.cookies.officerA, [{ name: 'Sau phê duyệt.png', data: PNG_BYTES }]),
      await call('officerA', 'POST', `${unitUrl(s.unitA)}/${docs.field2.id}/links`, { criterionCode: '1.4' }),
    ]) {
      expect(res.status).toBe(409);
      expect((await error(res)).message).toMatch(/approved by the council: its evidence is locked/);
    }
    await s.t.database.db.updateTable('assessment_sheet').set({ status: 'draft' }).where('campaign_id', '=', s.campaignId).where('unit_id', '=', s.unitA).execute();
  });

  it('deletes softly (kept with who and when, audited, the bytes kept while referenced); a deleted document is gone for everyone', async () => {
    const twin = await uploadOne('officerA', s.unitA, 'Kế hoạch CCHC.pdf'); // the same bytes as docs.field1's
    expect(twin.deduplicated).toBe(true);
    expect((await call('officerB', 'DELETE', `${unitUrl(s.unitA)}/${docs.field1.id}`)).status).toBe(404);
    expect((await call('appraiser1', 'DELETE', `${unitUrl(s.unitA)}/${docs.field1.id}`)).status).toBe(403);
    expect((await call('officerA', 'DELETE', `${unitUrl(s.unitA)}/${docs.field1.id}`)).status).toBe(204);
    const row = await s.t.database.db.selectFrom('evidence_document').select(['deleted_at', 'deleted_by']).where('id', '=', docs.field1.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(row.deleted_by).not.toBeNull();
    for (const who of ['admin', 'officerA', 'appraiser1'] as Who[]) expect((await content(who, docs.field1.id)).status, who).toBe(404);
    expect((await call('officerA', 'DELETE', `${unitUrl(s.unitA)}/${docs.field1.id}`)).status).toBe(404);
    expect(existsSync(join(s.evidenceDir, 'blobs', keyOfSha256(docs.field1.sha256)))).toBe(true);
    expect((await content('officerA', twin.id)).status).toBe(200);
    const audit = await s.t.database.db.selectFrom('audit_log').select(['action', 'old_value']).where('entity_key', '=', docs.field1.id).where('action', '=', 'evidence.delete').execute();
    expect(audit).toHaveLength(1);
  });
});
