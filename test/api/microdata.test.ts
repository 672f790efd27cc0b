import Papa from 'papaparse';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { fieldworkScenario, variedAnswers, type FieldworkScenario } from '../support/fieldwork';
import { leadershipAnswers, leadershipScenario } from '../support/leadership';
import { ageBand } from '../../server/features/microdata/microdata.service';

const parse = (body: string) => Papa.parse<string[]>(body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

/** Issue 5: population sizes for design weights, and anonymised microdata with codebooks. */
describeEachDb('population sizes and anonymised microdata', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let analyst: string;
  let base: string;
  const secrets = new Set<string>();
  const FREE_TEXT = 'Bà Nguyễn Thị Bí Mật, số nhà 12';

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    analyst = await t.cookieFor('analyst');
    base = `/api/campaigns/${s.campaignId}`;
    const db = t.database.db;
    // accepted: 3 in unit A (two district, one commune), 2 in unit B (district); plus pending / rejected / flagged
    const forms: { unit: string; level: string; status: 'accepted' | 'pending' | 'rejected' | 'flagged'; birth: number }[] = [
      { unit: s.unitA, level: 'district', status: 'accepted', birth: 2000 },
      { unit: s.unitA, level: 'district', status: 'accepted', birth: 1950 },
      { unit: s.unitA, level: 'commune', status: 'accepted', birth: 2007 },
      { unit: s.unitB, level: 'district', status: 'accepted', birth: 1961 },
      { unit: s.unitB, level: 'district', status: 'accepted', birth: 1990 },
      { unit: s.unitA, level: 'district', status: 'pending', birth: 1980 },
      { unit: s.unitA, level: 'district', status: 'rejected', birth: 1980 },
      { unit: s.unitB, level: 'district', status: 'flagged', birth: 1980 },
    ];
    for (const [i, f] of forms.entries()) {
      const row = await db.insertInto('sipas_form').values({
        client_uuid: randomUUID(), campaign_id: s.campaignId, unit_id: f.unit, enumerator_id: s.enumerator1, submitted_by: s.enumerator1,
        questionnaire_id: 'sipas-2017', questionnaire_version: 1, mode: i % 2 ? 'paper' : 'interview', paper_serial: i % 2 ? `SERIAL-${i}-X` : null,
        gov_level: f.level,
        answers: JSON.stringify(variedAnswers({ gov_level: f.level, birth_year: f.birth, procedure: FREE_TEXT, improve: ['online_services', 'other'], improve_other: FREE_TEXT })),
        paradata: JSON.stringify({ finishedAt: '2025-06-01T08:00:00.000Z', deviceId: `device-${i}-zz`, gps: { lat: 22.1, lon: 104.9 } }),
        duration_seconds: 1200 + i, status: f.status, flags: '[]', received_at: '2025-06-01T08:05:00.000Z',
      }).returning(['id', 'client_uuid', 'paper_serial']).executeTakeFirstOrThrow();
      for (const v of [row.id, row.client_uuid, row.paper_serial, `device-${i}-zz`]) if (v) secrets.add(v);
    }
    secrets.add(s.enumerator1);
    secrets.add(s.enumerator2);
    secrets.add(t.users.enumerator.username);
  });
  afterAll(() => t?.close());

  const get = (url: string, cookie = analyst) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, payload: unknown, cookie = analyst) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
  const stored = async () => (await t.database.db.selectFrom('sipas_population').selectAll().where('campaign_id', '=', s.campaignId).execute()).length;

  describe('population', () => {
    it('reports row and column errors in both languages and stores nothing', async () => {
      const text = 'đơn vị,cấp,dân số\nFW-A,tất cả,1000\nNOPE,huyện,10\nFW-B,thôn,10\nFW-B,huyện,0\nFW-B,xã,-5\nFW-A,all,2000\n';
      const preview = await post(`${base}/population/preview`, { text });
      expect(preview.statusCode, preview.body).toBe(200);
      const { errors } = preview.json();
      expect(errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[3, 'đơn vị'], [4, 'cấp'], [5, 'dân số'], [6, 'dân số'], [7, 'đơn vị']]); // the file's headers
      expect(errors[1].message.vi).toMatch(/^Dòng 4, cột cấp:/);
      expect(errors[0].message.vi).toContain('NOPE');
      expect(errors[0].message.en).toContain('no unit with code');
      expect(errors[4].message.en).toContain('repeated');
      const commit = await post(`${base}/population/commit`, { text });
      expect(commit.statusCode).toBe(400);
      expect(commit.json().error.details.errors).toHaveLength(5);
      expect(await stored()).toBe(0);
    });

    it('refuses a unit outside the campaign and a missing column', async () => {
      const other = await t.database.db.insertInto('unit').values({ code: 'OUT', name: 'Ngoài', parent_id: null, kind: 'province', ranking_group: null, latitude: null, longitude: null }).returning('id').executeTakeFirstOrThrow();
      expect((await post(`${base}/population/preview`, { text: 'unit,level,population\nOUT,all,5\n' })).json().errors[0].message.en).toContain('not in the campaign');
      expect((await post(`${base}/population/preview`, { text: 'unit,level\nFW-A,all\n' })).json().errors[0]).toMatchObject({ row: 1, column: 'population' });
      const put = await t.app.inject({ method: 'PUT', url: `${base}/population`, headers: { cookie: analyst }, payload: { rows: [{ unitId: other.id, level: 'all', population: 5 }] } });
      expect(put.statusCode).toBe(400);
      expect(await stored()).toBe(0);
    });

    it('commits all rows; supervisors read, may not write', async () => {
      const commit = await post(`${base}/population/commit`, { text: '\uFEFFunit,level,population\r\nFW-A,all,1.000\r\nFW-B,district,500\r\n' });
      expect(commit.statusCode, commit.body).toBe(200);
      expect(commit.json().rows).toEqual([
        expect.objectContaining({ unitCode: 'FW-A', level: 'all', population: 1000 }),
        expect.objectContaining({ unitCode: 'FW-B', level: 'district', population: 500 }),
      ]);
      const supervisor = await t.cookieFor('supervisor');
      expect((await get(`${base}/population`, supervisor)).json().rows).toHaveLength(2);
      expect((await post(`${base}/population/commit`, { text: 'unit,population\nFW-A,1\n' }, supervisor)).statusCode).toBe(403);
      expect((await get(`${base}/microdata/sipas.csv`, supervisor)).statusCode).toBe(403);
    });
  });

  describe('SIPAS microdata', () => {
    let rows: string[][];
    let header: string[];
    let raw: string;

    beforeAll(async () => {
      const res = await get(`${base}/microdata/sipas.csv`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('PAR-INDEX_2025_sipas-microdata.csv');
      raw = res.body;
      [header, ...rows] = parse(raw) as [string[], ...string[][]];
    });

    it('is UTF-8 with BOM and CRLF', () => {
      expect(raw.startsWith('\uFEFF')).toBe(true);
      expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
      expect(raw.endsWith('\r\n')).toBe(true);
    });

    it('holds the accepted forms only, with random ids, strata and design weights', () => {
      expect(rows).toHaveLength(5);
      expect(header.slice(0, 5)).toEqual(['row_id', 'unit', 'gov_level', 'stratum', 'weight']);
      const col = (name: string) => rows.map((r) => r[header.indexOf(name)]!);
      expect(new Set(col('row_id')).size).toBe(5);
      expect(col('unit').sort()).toEqual(['FW-A', 'FW-A', 'FW-A', 'FW-B', 'FW-B']);
      const weights = rows.map((r) => `${r[3]}=${Number(r[4]).toFixed(4)}`).sort();
      expect(weights).toEqual(['FW-A=333.3333', 'FW-A=333.3333', 'FW-A=333.3333', 'FW-B/district=250.0000', 'FW-B/district=250.0000']);
    });

    it('has no identifying column or value, and no free text', () => {
      for (const forbidden of ['id', 'form_id', 'client_uuid', 'enumerator_id', 'submitted_by', 'paper_serial', 'device_id', 'paradata', 'gps', 'received_at', 'duration_seconds', 'birth_year', 'procedure', 'improve_other', 'ethnicity_other']) {
        expect(header).not.toContain(forbidden);
      }
      for (const cell of rows.flat()) {
        expect(secrets.has(cell), cell).toBe(false);
        expect(cell).not.toContain('Bí Mật');
      }
      expect(raw).not.toMatch(/2025-06-01|22\.1|104\.9/);
    });

    it('coarsens the year of birth to an age band', () => {
      expect(col('age_band').sort()).toEqual(['18-24', '25-34', '35-44', '55-64', '65+']);
      expect([17, 18, 24, 25, 34, 35, 44, 45, 54, 55, 64, 65, 99].map(ageBand)).toEqual(['', '18-24', '18-24', '25-34', '25-34', '35-44', '35-44', '45-54', '45-54', '55-64', '55-64', '65+', '65+']);
      function col(name: string) {
        return rows.map((r) => r[header.indexOf(name)]!);
      }
    });

    it('writes answer codes, and a new order and new ids on every export', async () => {
      const f1 = header.indexOf('f1_q1');
      expect(f1).toBeGreaterThan(4);
      for (const r of rows) expect(['1', '2', '3', '4', '5', '9', '']).toContain(r[f1]);
      const improve = header.indexOf('improve');
      for (const r of rows) expect(r[improve]).toBe('online_services;other');
      const again = parse((await get(`${base}/microdata/sipas.csv`)).body).slice(1);
      const ids = new Set(rows.map((r) => r[0]));
      for (const r of again) expect(ids.has(r[0])).toBe(false);
    });

    it('has a codebook that covers every column', async () => {
      const res = await get(`${base}/microdata/sipas-codebook.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.body.startsWith('\uFEFF')).toBe(true);
      expect(res.headers['content-disposition']).toContain('PAR-INDEX_2025_sipas-codebook.csv');
      const [h, ...book] = parse(res.body);
      expect(h).toEqual(['variable', 'label_vi', 'label_en', 'type', 'codes']);
      expect(book.map((b) => b[0])).toEqual(header);
      const f1 = book.find((b) => b[0] === 'f1_q1')!;
      expect(f1[4]).toMatch(/^1=Rất không hài lòng; 2=/);
      expect(book.find((b) => b[0] === 'age_band')![4]).toContain('65+');
      for (const b of book) expect(b[1] && b[2] && b[3]).toBeTruthy();
    });
  });

  describe('leadership microdata', () => {
    it('exports answer sheets with group and answers only', async () => {
      const l = await leadershipScenario(t, 8);
      const db = t.database.db;
      for (let i = 0; i < 5; i++) {
        await db.insertInto('leadership_answer_sheet').values({ campaign_id: l.campaignId, respondent_group: (['hdnd', 'so', 'huyen', 'xa', 'so'] as const)[i]!, unit_id: null, questionnaire_id: 'leadership-2023', questionnaire_version: 1, answers: JSON.stringify(leadershipAnswers(i)) }).execute();
      }
      const people = new Set<string>();
      for (const r of await db.selectFrom('respondent').selectAll().where('campaign_id', '=', l.campaignId).execute()) for (const v of [r.id, r.name, r.email]) people.add(v);
      const sheetIds = new Set((await db.selectFrom('leadership_answer_sheet').select('id').execute()).map((r) => r.id));
      const res = await get(`/api/campaigns/${l.campaignId}/microdata/leadership.csv`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body.startsWith('\uFEFF')).toBe(true);
      expect(res.headers['content-disposition']).toContain('PAR-INDEX_2025_leadership-microdata.csv');
      const [header, ...rows] = parse(res.body) as [string[], ...string[][]];
      expect(rows).toHaveLength(5);
      expect(header.slice(0, 2)).toEqual(['row_id', 'group']);
      expect(header).not.toContain('unit'); // the survey does not keep units
      for (const h of header) expect(h).not.toMatch(/name|email|respondent|token/);
      for (const cell of rows.flat()) {
        expect(people.has(cell)).toBe(false);
        expect(sheetIds.has(cell)).toBe(false);
        expect(cell).not.toContain('@');
      }
      // every group has fewer than 5 sheets here: all are blanked (test/api/leadership-anonymity.test.ts has the rules)
      expect(rows.map((r) => r[1])).toEqual(['', '', '', '', '']);
      const book = parse((await get(`/api/campaigns/${l.campaignId}/microdata/leadership-codebook.csv`)).body).slice(1);
      expect(book.map((b) => b[0])).toEqual(header);
    });
  });
});
