// Issue 12 point 13: the CLI (`par score`) and the API (import preview → commit → score tree) give the same figures
// for the same table and the same choices (kept parent scores, rounding) — both go through analytics scoreTable.
// Tables: Hà Giang 2022 (published) and test/fixtures/constructed-province-2023.appendix.tsv (constructed for the
// tests, not a published table: 4-decimal leaves, 8.1 printed 7,6256, TỔNG ĐIỂM rounded to 88,01).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { createUnit } from '../../server/features/units/service';
import { createCampaign } from '../../server/features/campaigns/service';
import { roundTo } from '../../analytics/src/numbers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HG = 'seeds/tables/ha-giang-2022.appendix.tsv';
const C23 = 'test/fixtures/constructed-province-2023.appendix.tsv';

interface Figures { total: number; fields: [string, number | null][]; parts: Record<string, number> }
interface Choices { keep: 'proposed' | string[]; rounding: 'detected' | Record<string, number | null> }

function cli(file: string, c: Choices): Figures {
  const rounding = c.rounding === 'detected' ? 'detected' : Object.entries(c.rounding).map(([k, d]) => `${k}:${d ?? 'none'}`).join(',');
  const keep = c.keep === 'proposed' ? 'proposed' : c.keep.join(',') || 'none';
  const r = spawnSync('npx', ['tsx', 'server/cli/par.ts', 'score', file, '--set', 'par-province-2023', '--keep', keep, '--rounding', rounding, '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const s = JSON.parse(r.stdout);
  return {
    total: s.total,
    fields: s.fields.map((f: { code: string; score: number | null }) => [f.code, f.score]),
    parts: Object.fromEntries(Object.entries(s.parts as Record<string, { score: number }>).map(([k, p]) => [k, p.score])),
  };
}

describeEachDb('the same table and choices: par score and the API agree', (kind) => {
  let t: TestApp;
  let cookie: string;
  let campaignId: string;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const unit = await createUnit(t.database.db, { code: 'P23', name: 'Tỉnh thử nghiệm', parentId: null, kind: 'province', group: 'tinh' });
    const campaign = await createCampaign(t.database.db, {
      name: 'PAR INDEX 2023', year: 2023, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [unit.id], previousCampaignId: null,
    });
    campaignId = campaign.id;
    base = `/api/campaigns/${campaign.id}/units/${unit.id}`;
    cookie = await t.cookieFor('analyst');
  });
  afterAll(() => t?.close());

  async function api(file: string, c: Choices): Promise<Figures & { chosen: string[]; proposed: unknown }> {
    const text = readFileSync(`${ROOT}/${file}`, 'utf8');
    const rounding = c.rounding === 'detected' ? undefined : Object.entries(c.rounding).map(([code, decimals]) => ({ code, decimals }));
    const preview = await t.app.inject({ method: 'POST', url: `${base}/imports/preview`, headers: { cookie }, payload: { text, ...(rounding && { rounding }) } });
    expect(preview.statusCode, preview.body).toBe(200);
    const keepStated = c.keep === 'proposed' ? preview.json().chosen : c.keep;
    const commit = await t.app.inject({ method: 'POST', url: `${base}/imports/commit`, headers: { cookie }, payload: { text, keepStated, ...(rounding && { rounding }) } });
    expect(commit.statusCode, commit.body).toBe(200);
    const { tree } = (await t.app.inject({ method: 'GET', url: `${base}/scores`, headers: { cookie } })).json();
    const r6 = (x: number | null) => (x === null ? null : roundTo(x, 6));
    return {
      total: r6(tree.total) as number,
      fields: tree.root.children.map((f: { code: string; appraised: number | null }) => [f.code, r6(f.appraised)]),
      parts: Object.fromEntries(Object.entries(tree.parts as Record<string, { score: number }>).map(([k, p]) => [k, r6(p.score) as number])),
      chosen: preview.json().chosen,
      proposed: preview.json().rounding.proposed,
    };
  }

  const field8 = (f: Figures) => f.fields.find(([code]) => code === '8')?.[1];

  it('the constructed 2023 table as the import proposes it: 8.1 not rounded, the printed field 8 and total', async () => {
    const choices: Choices = { keep: 'proposed', rounding: 'detected' };
    const { chosen, proposed, ...fromApi } = await api(C23, choices);
    expect(fromApi).toEqual(cli(C23, choices));
    expect(chosen).toEqual([]);
    expect(proposed).toEqual([]); // the 2023 set does not round 8.1: nothing to change
    expect(fromApi.total).toBe(88.0079);
    expect(field8(fromApi)).toBe(13.1976);
  });

  it('with 8.1 rounded to 2 decimals for the campaign, keeping the printed 7,6256 reproduces the total; not keeping it adds 0.0044', async () => {
    const kept = await api(C23, { keep: 'proposed', rounding: { '8.1': 2 } });
    expect(kept.chosen).toEqual(['8.1']);
    const { chosen: _k, proposed: _p, ...keptFigures } = kept;
    expect(keptFigures).toEqual(cli(C23, { keep: 'proposed', rounding: { '8.1': 2 } }));
    expect(keptFigures.total).toBe(88.0079);

    const { chosen: _c, proposed: _q, ...notKept } = await api(C23, { keep: [], rounding: { '8.1': 2 } });
    expect(notKept).toEqual(cli(C23, { keep: [], rounding: { '8.1': 2 } }));
    expect(notKept.total).toBe(88.0123);
    expect(field8(notKept)).toBe(13.202);

    // the campaign's rounding is stored and audited
    const rows = await t.database.db.selectFrom('campaign_score_rounding').selectAll().where('campaign_id', '=', campaignId).execute();
    expect(rows).toEqual([{ campaign_id: campaignId, criterion_code: '8.1', decimals: 2 }]);
    const audit = await t.database.db.selectFrom('audit_log').select(['old_value', 'new_value']).where('entity', '=', 'campaign_score_rounding').execute();
    expect(audit.map((a) => [a.old_value, a.new_value])).toContainEqual([{}, { '8.1': 2 }]);
  });

  it('Hà Giang 2022 in the same campaign: the table shows 8.1 rounded to 2 decimals and 1.3 kept: 84.4089 on both', async () => {
    // the campaign now rounds 8.1 (previous test); the detection agrees with it and proposes no change
    const choices: Choices = { keep: 'proposed', rounding: 'detected' };
    const { chosen, proposed, ...fromApi } = await api(HG, choices);
    expect(chosen).toEqual(['1.3']);
    expect(proposed).toEqual([]);
    // the CLI starts from the 2023 set (no rounding): detected proposes 8.1:2, the same rounding in force
    expect(fromApi).toEqual(cli(HG, choices));
    expect(fromApi.total).toBe(84.4089);
  });

  it('the constructed 2023 table after Hà Giang: the import proposes to stop rounding 8.1, and the figures agree again', async () => {
    const { chosen, proposed, ...fromApi } = await api(C23, { keep: 'proposed', rounding: 'detected' });
    expect(proposed).toEqual([{ code: '8.1', decimals: null }]);
    expect(chosen).toEqual([]);
    expect(fromApi).toEqual(cli(C23, { keep: 'proposed', rounding: 'detected' }));
    expect(fromApi.total).toBe(88.0079);
  });
});
