import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { fieldworkScenario, type FieldworkScenario } from '../support/fieldwork';

const run = promisify(execFile);

describeEachDb('npm run simulate -- sipas (synthetic forms through the HTTP API)', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    await t.database.db.updateTable('fieldwork_quota').set({ target: 1000 }).execute(); // no quota flags here
    // the supervisor uploads for their team only (issue 9): here both enumerators are theirs
    await t.database.db.insertInto('supervisor_assignment').values({ campaign_id: s.campaignId, supervisor_id: t.users.supervisor.id, enumerator_id: s.enumerator2, unit_id: null }).execute();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t?.close());

  it('posts N forms over units and enumerators, resends a share without duplicates, and prints the planted truth', async () => {
    const { stdout } = await run('npx', ['tsx', 'server/cli/simulate.ts', 'sipas', '--campaign', s.campaignId, '--forms', '300', '--seed', '11',
      '--url', url, '--user', 'test-supervisor', '--password', TEST_PASSWORD, '--json'], { timeout: 120_000 });
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ posted: 300, stored: 300, refused: 0 });
    expect(r.resent).toBe(25); // 12 batches of 25: resends at batches 5 and 10 … every tenth, from half-way
    expect(r.resendsAnsweredAsDuplicates).toBe(r.resent);
    expect(r.flagsByCode.invalid_answers ?? 0).toBe(0);
    expect(r.flagged).toBeGreaterThan(0); // a planted share is too fast, straight-lined or far away
    expect(r.flagged / r.stored).toBeLessThan(0.2);
    const forms = await t.database.db.selectFrom('sipas_form').select(['enumerator_id', 'unit_id', 'submitted_by']).execute();
    expect(forms).toHaveLength(300);
    expect(new Set(forms.map((f) => f.enumerator_id))).toEqual(new Set([s.enumerator1, s.enumerator2]));
    expect(new Set(forms.map((f) => f.unit_id))).toEqual(new Set([s.unitA, s.unitB]));
    expect(forms.every((f) => f.submitted_by === t.users.supervisor.id)).toBe(true);
    // planted truth per unit and factor, and the generated answers close to it
    expect(r.truth).toHaveLength(2 * 5);
    for (const cell of r.truth) expect(Math.abs(cell.observed - cell.planted)).toBeLessThan(0.2);
  });

  it('exits 2 with the usage on bad arguments', async () => {
    await expect(run('npx', ['tsx', 'server/cli/simulate.ts', 'sipas', '--forms', '3'], { timeout: 60_000 })).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--campaign is required/) });
  });
});
