// Shared set-up of the evidence tests (test/api/evidence-*.test.ts): two units in a campaign (and one of them in a
// second campaign) with phases, an officer per unit, appraisers of field 1 and of field 2, sessions for each, the
// app listening on its port (uploads go over real HTTP), and sample files of every accepted type.
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssessmentPhase } from '../../server/db/schema';
import { hashToken, newToken } from '../../server/features/auth/passwords';
import { createCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { createUser } from '../../server/features/users/service';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import type { DbKind } from '../support/databases';

export const MB = 1024 * 1024;

export interface EvidenceScenario {
  t: TestApp;
  origin: string;
  evidenceDir: string;
  campaignId: string;
  otherCampaignId: string;
  unitA: string;
  unitB: string;
  cookies: Record<'admin' | 'analyst' | 'supervisor' | 'enumerator' | 'officerA' | 'officerB' | 'appraiser1' | 'appraiser2', string>;
  /** sets the campaign's phase windows: open ones from an hour ago, the others in the past */
  setPhases(open: AssessmentPhase[], campaignId?: string): Promise<void>;
  upload(unitId: string, cookie: string, files: { name: string; data: Buffer }[], fields?: Record<string, string>, campaignId?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function evidenceScenario(kind: DbKind, maxBytes = 2 * MB): Promise<EvidenceScenario> {
  const evidenceDir = mkdtempSync(join(tmpdir(), 'parindex-evidence-'));
  const t = await startTestApp(kind, { EVIDENCE_DIR: evidenceDir, EVIDENCE_MAX_BYTES: String(maxBytes) });
  const db = t.database.db;
  const unitA = (await createUnit(db, { code: 'EA', name: 'Tỉnh Ê A', parentId: null, kind: 'province', group: 'tinh' })).id;
  const unitB = (await createUnit(db, { code: 'EB', name: 'Tỉnh Ê B', parentId: null, kind: 'province', group: 'tinh' })).id;
  const campaign = await createCampaign(db, {
    name: 'Tự đánh giá 2022', year: 2022, criteriaSetCode: 'par-province-2022', bandSetCode: 'national', unitIds: [unitA, unitB], previousCampaignId: null,
  });
  const other = await createCampaign(db, {
    name: 'Tự đánh giá 2023', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [unitA], previousCampaignId: null,
  });
  const user = async (username: string, role: 'unit_officer' | 'appraiser', unitId?: string) =>
    (await createUser(db, { username, displayName: username, role, password: TEST_PASSWORD, ...(unitId ? { unitId } : {}) })).id;
  const ids = {
    officerA: await user('can-bo-a', 'unit_officer', unitA),
    officerB: await user('can-bo-b', 'unit_officer', unitB),
    appraiser1: await user('tham-dinh-1', 'appraiser'),
    appraiser2: await user('tham-dinh-2', 'appraiser'),
  };
  for (const [who, field] of [['appraiser1', '1'], ['appraiser2', '2']] as const) {
    for (const c of [campaign.id, other.id]) {
      await db.insertInto('appraiser_assignment').values({
        campaign_id: c, user_id: ids[who], criteria_set_code: c === campaign.id ? 'par-province-2022' : 'par-province-2023', criterion_code: field,
      }).execute();
    }
  }
  const session = async (userId: string) => {
    const token = newToken();
    await db.insertInto('user_session').values({ token_hash: hashToken(token), user_id: userId, expires_at: new Date(Date.now() + 3600_000) }).execute();
    return `sid=${token}`;
  };
  const cookies = {
    admin: await t.cookieFor('admin'), analyst: await t.cookieFor('analyst'), supervisor: await t.cookieFor('supervisor'), enumerator: await t.cookieFor('enumerator'),
    officerA: await session(ids.officerA), officerB: await session(ids.officerB), appraiser1: await session(ids.appraiser1), appraiser2: await session(ids.appraiser2),
  };
  await t.app.listen({ port: t.config.port, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${t.config.port}`;

  const setPhases = async (open: AssessmentPhase[], campaignId = campaign.id) => {
    await db.deleteFrom('assessment_phase').where('campaign_id', '=', campaignId).execute();
    const hour = 3600_000;
    const phases: AssessmentPhase[] = ['self_assessment', 'appraisal', 'response', 'final_appraisal', 'approval', 'published'];
    await db.insertInto('assessment_phase').values(phases.map((phase, i) => open.includes(phase)
      ? { campaign_id: campaignId, phase, opens_at: new Date(Date.now() - hour), closes_at: new Date(Date.now() + 24 * hour) }
      : { campaign_id: campaignId, phase, opens_at: new Date(Date.now() - (100 - i) * hour), closes_at: new Date(Date.now() - (99 - i) * hour) })).execute();
  };

  const upload = (unitId: string, cookie: string, files: { name: string; data: Buffer }[], fields: Record<string, string> = {}, campaignId = campaign.id) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append('file', new Blob([f.data]), f.name);
    return fetch(`${origin}/api/campaigns/${campaignId}/units/${unitId}/evidence`, { method: 'POST', headers: { cookie, 'x-requested-with': 'test' }, body: form });
  };

  return {
    t, origin, evidenceDir, campaignId: campaign.id, otherCampaignId: other.id, unitA, unitB, cookies, setPhases, upload,
    async close() {
      await t.close();
      rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}

/** A small but well-formed PDF (one empty page); `salt` makes distinct files. */
export function pdfBytes(salt = ''): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>`,
    `<< /Length ${Buffer.byteLength(`% ${salt}`, 'latin1')} >>\nstream\n% ${salt}\nendstream`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 1×1 PNG. */
export const PNG_BYTES = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A minimal JPEG header (SOI + APP0 JFIF); enough for the sniffer. */
export const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);

export async function docxBytes(text = 'Kế hoạch cải cách hành chính năm 2022'): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function xlsxBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Số liệu').addRow(['Tỷ lệ', 0.95]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function odtBytes(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  zip.file('content.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
  zip.file('META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** An OLE2 compound file header (what old .doc and .xls files start with). */
export const CFB_BYTES = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0)]);

/** A Windows program's first bytes (MZ header, "This program cannot be run in DOS mode"). */
export const EXE_BYTES = Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'), Buffer.alloc(56), Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1'), Buffer.alloc(200)]);
