// Signature check of uploaded PDF evidence through the API (issue 13), on both databases: PDFs signed in the test by
// @signpdf with certificates generated here, uploaded over HTTP; trusted roots managed by an admin; the campaign
// setting that makes the unit's submit check list unsigned or invalid files.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { signatureFixtures, type SignatureFixtures } from '../support/signed-pdf';
import { docxBytes, evidenceScenario, type EvidenceScenario } from './evidence-scenario';

type View = { status: string; problems: { code: string; vi: string }[]; signatures: { signerName: string; signerOrganization: string; issuer: string; trusted: boolean; valid: boolean; problems: { code: string }[] }[] };
type Doc = { id: string; filename: string; signature: View };

let fx: SignatureFixtures;
beforeAll(async () => {
  fx = await signatureFixtures();
}, 60_000);

describeEachDb('signature check of uploaded evidence', (kind) => {
  let s: EvidenceScenario;
  const api = (cookie: string, method: string, path: string, body?: unknown) => fetch(`${s.origin}/api${path}`, {
    method, headers: { cookie, 'x-requested-with': 'test', ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const list = async () => ((await (await api(s.cookies.officerA, 'GET', `/campaigns/${s.campaignId}/units/${s.unitA}/evidence`)).json()) as { documents: Doc[] }).documents;
  const statusOf = async (name: string) => (await list()).find((d) => d.filename === name)!.signature.status;

  beforeAll(async () => {
    s = await evidenceScenario(kind, 4 * 1024 * 1024);
    await s.setPhases(['self_assessment']);
  }, 60_000);
  afterAll(() => s?.close());

  it('checks every uploaded PDF once, at upload, and answers with the result; other types are not_applicable', async () => {
    const files = [
      { name: 'Kế hoạch ký số.pdf', data: fx.pdfs.signed },
      { name: 'Ký bởi CA lạ.pdf', data: fx.pdfs.signedByUnknownCa },
      { name: 'Bị sửa trong phần ký.pdf', data: fx.pdfs.tampered },
      { name: 'Thêm sau khi ký.pdf', data: fx.pdfs.appended },
      { name: 'Hai chữ ký.pdf', data: fx.pdfs.twoSignatures },
      { name: 'Chứng thư hết hạn.pdf', data: fx.pdfs.expiredCert },
      { name: 'Không ký.pdf', data: fx.pdfs.plain },
      { name: 'ByteRange hỏng.pdf', data: fx.pdfs.malformedByteRange },
      { name: 'Bị cắt.pdf', data: fx.pdfs.truncated },
      { name: 'Báo cáo.docx', data: await docxBytes() },
    ];
    const res = await s.upload(s.unitA, s.cookies.officerA, files, { criterionCode: '1.1' });
    expect(res.status, await res.clone().text()).toBe(201);
    const { documents } = (await res.json()) as { documents: Doc[] };
    expect(documents.map((d) => [d.filename, d.signature.status])).toEqual([
      ['Kế hoạch ký số.pdf', 'signed_valid_untrusted'], // no root is trusted by default
      ['Ký bởi CA lạ.pdf', 'signed_valid_untrusted'],
      ['Bị sửa trong phần ký.pdf', 'invalid'],
      ['Thêm sau khi ký.pdf', 'changed_after_signing'],
      ['Hai chữ ký.pdf', 'signed_valid_untrusted'],
      ['Chứng thư hết hạn.pdf', 'invalid'],
      ['Không ký.pdf', 'not_signed'],
      ['ByteRange hỏng.pdf', 'invalid'],
      ['Bị cắt.pdf', 'invalid'],
      ['Báo cáo.docx', 'not_applicable'],
    ]);
    const signed = documents[0]!.signature.signatures[0]!;
    expect(signed).toMatchObject({ signerName: 'Nguyễn Văn An', signerOrganization: 'Sở Nội vụ tỉnh Ê A', valid: true, trusted: false });
    expect(signed.issuer).toContain('ParIndex Test Root CA');
    expect(signed.problems.map((p) => p.code)).toEqual(['untrusted_root']);
    expect(documents[3]!.signature.problems[0]!.vi).toMatch(/^Sửa sau khi ký/);
    // stored once per blob, with a version
    const rows = await s.t.database.db.selectFrom('evidence_blob').select(['sha256', 'signature']).execute();
    expect(rows.every((r) => (r.signature as { version: number }).version === 1)).toBe(true);
  });

  it('an admin manages trusted roots (PEM or DER, CA certificates only, audited); badges change at read time', async () => {
    expect((await api(s.cookies.admin, 'GET', '/evidence/signature/trusted-roots').then((r) => r.json()))).toEqual({ roots: [] });
    // only admins
    expect((await api(s.cookies.analyst, 'POST', '/evidence/signature/trusted-roots', { certificate: fx.ca.pem })).status).toBe(403);
    expect((await api(s.cookies.officerA, 'GET', '/evidence/signature/trusted-roots')).status).toBe(403);
    // a signer certificate is not a CA; garbage is not a certificate
    const notCa = await api(s.cookies.admin, 'POST', '/evidence/signature/trusted-roots', { certificate: fx.signer.pem });
    expect(notCa.status).toBe(422);
    expect(((await notCa.json()) as { error: { message: string } }).error.message).toMatch(/is not a certificate authority \(CA\) certificate/);
    expect((await api(s.cookies.admin, 'POST', '/evidence/signature/trusted-roots', { certificate: 'xin chào' })).status).toBe(422);

    const added = await api(s.cookies.admin, 'POST', '/evidence/signature/trusted-roots', { certificate: fx.ca.der.toString('base64') });
    expect(added.status, await added.clone().text()).toBe(201);
    const root = ((await added.json()) as { added: { id: string; subject: string }[] }).added[0]!;
    expect(root.subject).toContain('ParIndex Test Root CA');
    expect((await api(s.cookies.admin, 'POST', '/evidence/signature/trusted-roots', { certificate: fx.ca.pem })).status).toBe(409);

    expect(await statusOf('Kế hoạch ký số.pdf')).toBe('signed_valid_trusted');
    expect(await statusOf('Hai chữ ký.pdf')).toBe('signed_valid_trusted');
    expect(await statusOf('Ký bởi CA lạ.pdf')).toBe('signed_valid_untrusted');
    expect(await statusOf('Bị sửa trong phần ký.pdf')).toBe('invalid');

    expect((await api(s.cookies.admin, 'DELETE', `/evidence/signature/trusted-roots/${root.id}`)).status).toBe(204);
    expect(await statusOf('Kế hoạch ký số.pdf')).toBe('signed_valid_untrusted');
    const audit = await s.t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'signature_trusted_root').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['signature_root.add', 'signature_root.delete']);
    // trusted again for the next test, this time from PEM
    expect((await api(s.cookies.admin, 'POST', '/evidence/signature/trusted-roots', { certificate: fx.ca.pem })).status).toBe(201);
  });

  it('the self-assessment sheet shows each linked document’s badge; with the campaign setting on, the submit check lists unsigned or invalid files', async () => {
    const sheet = await (await api(s.cookies.officerA, 'GET', `/campaigns/${s.campaignId}/assessment/sheets/${s.unitA}`)).json() as { nodes: { code: string; leaf?: { evidence: { filename: string; signature: { status: string } }[] } }[] };
    const leaf = sheet.nodes.find((n) => n.code === '1.1')!.leaf!;
    expect(leaf.evidence.find((e) => e.filename === 'Kế hoạch ký số.pdf')!.signature.status).toBe('signed_valid_trusted');

    const check = async () => ((await (await api(s.cookies.officerA, 'GET', `/campaigns/${s.campaignId}/assessment/sheets/${s.unitA}/check`)).json()) as { missing: { kind: string; message: { vi: string } }[] }).missing.filter((g) => g.kind === 'unsigned_evidence');
    expect(await check()).toEqual([]);
    expect((await api(s.cookies.officerA, 'PUT', `/campaigns/${s.campaignId}/evidence-signature-setting`, { required: true })).status).toBe(403);
    const put = await api(s.cookies.analyst, 'PUT', `/campaigns/${s.campaignId}/evidence-signature-setting`, { required: true });
    expect(await put.json()).toEqual({ required: true });
    const gaps = await check();
    expect(gaps.map((g) => g.message.vi)).toEqual(expect.arrayContaining([
      expect.stringMatching(/«Bị sửa trong phần ký\.pdf» có chữ ký số không hợp lệ/),
      expect.stringMatching(/«Thêm sau khi ký\.pdf» bị sửa sau khi ký/),
      expect.stringMatching(/«Không ký\.pdf» chưa ký số/),
      expect.stringMatching(/«Ký bởi CA lạ\.pdf» ký bằng chứng thư không thuộc/),
      expect.stringMatching(/«Báo cáo\.docx» không phải tệp PDF/),
    ]));
    expect(gaps.some((g) => /Kế hoạch ký số|Hai chữ ký/.test(g.message.vi))).toBe(false);
    expect(gaps).toHaveLength(8);
    // submitting is refused with the files named in details.missing
    const submit = await api(s.cookies.officerA, 'POST', `/campaigns/${s.campaignId}/assessment/sheets/${s.unitA}/submit`, {});
    expect(submit.status).toBe(422);
    const details = ((await submit.json()) as { error: { details: { missing: { kind: string }[] } } }).error.details;
    expect(details.missing.filter((g) => g.kind === 'unsigned_evidence')).toHaveLength(8);
    await api(s.cookies.analyst, 'PUT', `/campaigns/${s.campaignId}/evidence-signature-setting`, { required: false });
  });

  it('blobs stored before checks existed show not_checked until an admin has them re-checked', async () => {
    const db = s.t.database.db;
    await db.updateTable('evidence_blob').set({ signature: null }).execute();
    expect(await statusOf('Kế hoạch ký số.pdf')).toBe('not_checked');
    expect((await api(s.cookies.analyst, 'POST', '/evidence/signature/recheck', { limit: 3 })).status).toBe(403);
    const first = await api(s.cookies.admin, 'POST', '/evidence/signature/recheck', { limit: 3 });
    expect(await first.json()).toEqual({ checked: 3, remaining: true });
    const rest = await api(s.cookies.admin, 'POST', '/evidence/signature/recheck', {});
    expect(await rest.json()).toEqual({ checked: 7, remaining: false });
    const statuses = Object.fromEntries((await list()).map((d) => [d.filename, d.signature.status]));
    expect(statuses).toMatchObject({
      'Kế hoạch ký số.pdf': 'signed_valid_trusted', 'Bị sửa trong phần ký.pdf': 'invalid', 'Thêm sau khi ký.pdf': 'changed_after_signing',
      'Không ký.pdf': 'not_signed', 'Báo cáo.docx': 'not_applicable',
    });
  });
});
