import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/app';
import { fieldworkScenario } from '../support/fieldwork';

// Issue 12, point 10: accounts created with a generated password (enumerator CSV) or given one by an admin (created,
// reset) must set their own at the first login; until then the server answers only change-password, logout and me.
describeEachDb('must change password: generated and admin-set passwords', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.cookieFor('admin');
  });
  afterAll(() => t?.close());

  const login = async (username: string, password: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const sid = res.cookies.find((c) => c.name === 'sid')?.value;
    return { res, cookie: sid ? `sid=${sid}` : '' };
  };
  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('an enumerator imported from a CSV logs in with the generated password, is refused everything but change-password, logout and me, then sets their own', async () => {
    const fw = await fieldworkScenario(t);
    const csv = 'tên đăng nhập,họ tên,đơn vị\nxa-nhan-01,Lò Thị Nhàn,FW-A\n';
    const commit = await call(admin, 'POST', `/api/campaigns/${fw.campaignId}/fieldwork/enumerators/commit`, { text: csv });
    expect(commit.statusCode, commit.body).toBe(200);
    const generated = commit.json().created[0].password as string;

    const first = await login('xa-nhan-01', generated);
    expect(first.res.statusCode).toBe(200);
    expect(first.res.json().user).toMatchObject({ username: 'xa-nhan-01', role: 'enumerator', mustChangePassword: true });
    const me = await call(first.cookie, 'GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mustChangePassword).toBe(true);

    // the enumerator's own profile and form upload are refused until the password is changed
    for (const [method, url, payload] of [['GET', '/api/fieldwork/me'], ['POST', '/api/fieldwork/submissions', { forms: [] }]] as const) {
      const refused = await call(first.cookie, method, url, payload);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error.code).toBe('password_change_required');
      expect(refused.json().error.message_vi).toMatch(/hãy đặt mật khẩu mới/);
    }

    // wrong current password, same password, too short, containing the username: refused with a message saying why
    const wrong = await call(first.cookie, 'POST', '/api/auth/change-password', { currentPassword: 'not-the-one', newPassword: 'mot-mat-khau-moi' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message_vi).toMatch(/Mật khẩu hiện tại không đúng/);
    const same = await call(first.cookie, 'POST', '/api/auth/change-password', { currentPassword: generated, newPassword: generated });
    expect(same.json().error.message_vi).toMatch(/phải khác mật khẩu hiện tại/);
    const short = await call(first.cookie, 'POST', '/api/auth/change-password', { currentPassword: generated, newPassword: 'ngan' });
    expect(short.statusCode).toBe(400);
    const named = await call(first.cookie, 'POST', '/api/auth/change-password', { currentPassword: generated, newPassword: 'XA-NHAN-01-2025' });
    expect(named.json().error.message_vi).toMatch(/không được chứa tên đăng nhập/);

    // a second session (another phone) ends when the password is changed; this one goes on
    const other = await login('xa-nhan-01', generated);
    const changed = await call(first.cookie, 'POST', '/api/auth/change-password', { currentPassword: generated, newPassword: 'hoa-ban-trang-2025' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user).toMatchObject({ username: 'xa-nhan-01', mustChangePassword: false });
    expect((await call(first.cookie, 'GET', '/api/fieldwork/me')).statusCode).toBe(200);
    expect((await call(other.cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);

    // the old password no longer works, the new one does and asks for nothing
    expect((await login('xa-nhan-01', generated)).res.statusCode).toBe(401);
    const again = await login('xa-nhan-01', 'hoa-ban-trang-2025');
    expect(again.res.json().user.mustChangePassword).toBe(false);

    // audited, without any password
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'change_own_password').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain('hoa-ban-trang');

    // re-importing the same list updates the account; the person's own password stays
    await call(admin, 'POST', `/api/campaigns/${fw.campaignId}/fieldwork/enumerators/commit`, { text: csv });
    expect((await login('xa-nhan-01', 'hoa-ban-trang-2025')).res.json().user.mustChangePassword).toBe(false);
  });

  it('an account created by an admin, and a password an admin resets, must be changed at the next login; an admin may say otherwise', async () => {
    const created = await call(admin, 'POST', '/api/users', { username: 'phan-tich-2', displayName: 'Phân tích viên 2', role: 'analyst', password: TEST_PASSWORD });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user.mustChangePassword).toBe(true);
    const id = created.json().user.id as string;
    const s1 = await login('phan-tich-2', TEST_PASSWORD);
    expect((await call(s1.cookie, 'GET', '/api/campaigns')).json().error.code).toBe('password_change_required');
    expect((await call(s1.cookie, 'POST', '/api/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'so-lieu-that-2025' })).statusCode).toBe(200);
    expect((await call(s1.cookie, 'GET', '/api/campaigns')).statusCode).toBe(200);

    // the admin resets the password: the person's sessions end and the mark is back
    const reset = await call(admin, 'PATCH', `/api/users/${id}`, { password: 'tam-thoi-123456' });
    expect(reset.json().user.mustChangePassword).toBe(true);
    expect((await call(s1.cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const s2 = await login('phan-tich-2', 'tam-thoi-123456');
    expect(s2.res.json().user.mustChangePassword).toBe(true);
    expect((await call(s2.cookie, 'GET', '/api/campaigns')).statusCode).toBe(403);
    // logout answers too
    expect((await call(s2.cookie, 'POST', '/api/auth/logout')).statusCode).toBe(204);

    // an explicit "no": a reset without the mark, and an account created without it
    const noMark = await call(admin, 'PATCH', `/api/users/${id}`, { password: 'da-thong-nhat-2025', mustChangePassword: false });
    expect(noMark.json().user.mustChangePassword).toBe(false);
    const s3 = await login('phan-tich-2', 'da-thong-nhat-2025');
    expect((await call(s3.cookie, 'GET', '/api/campaigns')).statusCode).toBe(200);
    const plain = await call(admin, 'POST', '/api/users', { username: 'giam-sat-9', displayName: 'Giám sát 9', role: 'supervisor', password: TEST_PASSWORD, mustChangePassword: false });
    expect(plain.json().user.mustChangePassword).toBe(false);

    // the users list shows the mark
    const list = (await call(admin, 'GET', '/api/users')).json().users as { username: string; mustChangePassword: boolean }[];
    expect(list.find((u) => u.username === 'phan-tich-2')?.mustChangePassword).toBe(false);
    expect(list.find((u) => u.username === 'test-admin')?.mustChangePassword).toBe(false);
  });

  it('an admin who sets their own new password is not asked to change it again', async () => {
    const self = await login('test-admin', TEST_PASSWORD);
    const me = self.res.json().user.id as string;
    const res = await call(self.cookie, 'PATCH', `/api/users/${me}`, { password: 'quan-tri-moi-2025' });
    expect(res.json().user.mustChangePassword).toBe(false);
    admin = await t.cookieFor('admin'); // the change ended the admin's sessions
  });

  it('guessing the current password through change-password is throttled like a login', async () => {
    const created = await call(admin, 'POST', '/api/users', { username: 'thu-ky-3', displayName: 'Thư ký 3', role: 'supervisor', password: TEST_PASSWORD });
    expect(created.statusCode).toBe(201);
    const s = await login('thu-ky-3', TEST_PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await call(s.cookie, 'POST', '/api/auth/change-password', { currentPassword: `doan-sai-${i}`, newPassword: 'mat-khau-moi-2025' })).statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(statuses).toContain(429);
  });
});
