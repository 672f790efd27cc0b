import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, variedAnswers, type FieldworkScenario } from '../support/fieldwork';
import type { Receipt } from '../../server/features/fieldwork/submissions.service';


/** A form whose answers are given as raw JSON text (1e309, `__proto__`, 20,000-deep lists cannot pass through JSON.stringify). */
const rawForm = (form: ReturnType<typeof envelope>, answersJson: string) => JSON.stringify({ ...form, answers: '@@ANSWERS@@' }).replace('"@@ANSWERS@@"', answersJson);

describeEachDb('one bad form refuses only itself (issue 9)', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let cookie: string;
  const post = (body: string) =>
    t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie, 'content-type': 'application/json' }, payload: body });
  const postForms = async (forms: string[]) => {
    const res = await post(`{"forms":[${forms.join(',')}]}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().receipts as Receipt[];
  };
  const stored = () => t.database.db.selectFrom('sipas_form').select(['client_uuid', 'answers', 'status', 'flags']).execute();

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    await t.database.db.updateTable('fieldwork_quota').set({ target: 1000 }).execute();
    cookie = await t.cookieFor('enumerator');
  });
  beforeEach(async () => {
    await t.database.db.deleteFrom('sipas_form').execute();
  });
  afterAll(() => t?.close());

  it('stores the good forms beside NUL, lone surrogates, bad keys, deep nesting, huge numbers and prototype keys, and answers resends the same', async () => {
    const answers = JSON.stringify(variedAnswers());
    const withAnswer = (extra: string) => answers.replace(/}$/, `,${extra}}`);
    const forms = {
      good: envelope(s),
      nulInValue: envelope(s),
      loneSurrogate: envelope(s),
      nulInKey: envelope(s),
      deep: envelope(s),
      huge: envelope(s),
      proto: envelope(s),
      constructorKey: envelope(s),
      longText: envelope(s),
      good2: envelope(s),
    };
    const bodyForms = [
      JSON.stringify(forms.good),
      rawForm(forms.nulInValue, withAnswer('"comment":"Tốt\\u0000 lắm"')),
      rawForm(forms.loneSurrogate, withAnswer('"comment":"cắt giữa emoji \\ud83d"')),
      rawForm(forms.nulInKey, withAnswer('"q\\u0000x":1')),
      rawForm(forms.deep, withAnswer(`"nested":${'['.repeat(20_000)}${']'.repeat(20_000)}`)),
      rawForm(forms.huge, withAnswer('"age":1e309')),
      rawForm(forms.proto, withAnswer('"__proto__":{"polluted":true}')),
      rawForm(forms.constructorKey, withAnswer('"constructor":{"prototype":{"polluted":true}}')),
      rawForm(forms.longText, withAnswer(`"comment":"${'x'.repeat(200_000)}"`)),
      JSON.stringify(forms.good2),
    ];
    const receipts = await postForms(bodyForms);
    expect(receipts.map((r) => [r.clientUuid, r.error?.code ?? r.status])).toEqual([
      [forms.good.clientUuid, 'stored'],
      [forms.nulInValue.clientUuid, 'stored'],
      [forms.loneSurrogate.clientUuid, 'stored'],
      [forms.nulInKey.clientUuid, 'invalid_content'],
      [forms.deep.clientUuid, 'invalid_content'],
      [forms.huge.clientUuid, 'invalid_content'],
      [forms.proto.clientUuid, 'invalid_content'],
      [forms.constructorKey.clientUuid, 'invalid_content'],
      [forms.longText.clientUuid, 'invalid_content'],
      [forms.good2.clientUuid, 'stored'],
    ]);
    // each refusal names the field and the reason, in both languages
    expect(receipts[3]!.error!.message.en).toMatch(/answers\."q\\u0000x".*control character/);
    expect(receipts[4]!.error!.message.vi).toMatch(/answers\.nested.*lồng nhau quá 12 cấp/);
    expect(receipts[5]!.error!.message.en).toMatch(/answers\.age: a number that is too large/);
    expect(receipts[6]!.error!.message.en).toMatch(/answers\.__proto__.*not allowed/);
    expect(receipts[7]!.error!.message.vi).toMatch(/answers\.constructor.*không được phép/);
    expect(receipts[8]!.error!.message.en).toMatch(/answers\.comment: a text of 200,000 characters \(at most 10,000\)/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // normalised text is stored with a flag that says what was changed — never silently
    for (const i of [1, 2]) {
      expect(receipts[i]!.reviewStatus).toBe('flagged');
      expect(receipts[i]!.flags!.map((f) => f.code)).toContain('text_normalised');
    }
    expect(receipts[1]!.flags!.find((f) => f.code === 'text_normalised')!.message.vi).toMatch(/answers\.comment \(xoá 1 ký tự điều khiển\)/);
    const rows = new Map((await stored()).map((r) => [r.client_uuid, r]));
    expect(rows.size).toBe(4);
    expect((rows.get(forms.nulInValue.clientUuid)!.answers as Record<string, unknown>).comment).toBe('Tốt lắm');
    expect((rows.get(forms.loneSurrogate.clientUuid)!.answers as Record<string, unknown>).comment).toBe('cắt giữa emoji \uFFFD');
    expect(rows.get(forms.good.clientUuid)!.status).toBe('pending');
    // the phone resends the whole batch: the same receipts, nothing new stored — never stuck
    const again = await postForms(bodyForms);
    expect(again.map((r) => r.error?.code ?? (r.duplicate ? 'duplicate' : r.status))).toEqual([
      'duplicate', 'duplicate', 'duplicate', 'invalid_content', 'invalid_content', 'invalid_content', 'invalid_content', 'invalid_content', 'invalid_content', 'duplicate',
    ]);
    expect(await stored()).toHaveLength(4);
  });

  it('refuses a control character in an identifier instead of changing it', async () => {
    const form = envelope(s);
    const receipts = await postForms([JSON.stringify({ ...form, clientUuid: `${form.clientUuid}\u0000` }), JSON.stringify({ ...form, questionnaireId: 'sipas-2017\u0007' })]);
    expect(receipts.map((r) => r.error?.code)).toEqual(['invalid_content', 'invalid_content']);
    expect(receipts[0]!.error!.message.en).toMatch(/Field clientUuid: contains a control character/);
    expect(await stored()).toHaveLength(0);
  });

  it('takes a 20,000-deep form as one refused form and a 1,000,000-deep body without harm; only a body that is not JSON is refused whole', async () => {
    const good = envelope(s);
    const deepForm = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect((await postForms([deepForm, JSON.stringify(good)])).map((r) => r.error?.code ?? r.status)).toEqual(['invalid_content', 'stored']);
    const veryDeep = await post(`{"forms":[${'{"a":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)}]}`);
    expect(veryDeep.statusCode, veryDeep.body.slice(0, 300)).toBe(200);
    expect(veryDeep.json().receipts[0].error.code).toBe('invalid_content');
    const broken = await post('{"forms":[{"clientUuid":');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'validation', message: expect.stringMatching(/not valid JSON/), message_vi: expect.stringMatching(/không phải JSON hợp lệ/) });
    expect(await stored()).toHaveLength(1);
  });

  it('refuses only the form the database itself will not take (a per-form fallback, not a 500 for the batch)', async () => {
    // a rule only the database knows, to make it refuse one row of the batch's INSERT
    await sql`alter table sipas_form add constraint test_no_broken_serial check (paper_serial is distinct from 'BROKEN')`.execute(t.database.db);
    try {
      const forms = [envelope(s), envelope(s, { mode: 'paper', paperSerial: 'BROKEN' }), envelope(s, { mode: 'paper', paperSerial: 'HG-1' })];
      const receipts = await postForms(forms.map((f) => JSON.stringify(f)));
      expect(receipts.map((r) => r.error?.code ?? r.status)).toEqual(['stored', 'not_storable', 'stored']);
      expect(receipts[1]!.error!.message.vi).toMatch(/Cơ sở dữ liệu không nhận/);
      expect((await stored()).map((r) => r.client_uuid).sort()).toEqual([forms[0]!.clientUuid, forms[2]!.clientUuid].sort());
    } finally {
      await sql`alter table sipas_form drop constraint test_no_broken_serial`.execute(t.database.db);
    }
  });
});
