import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema';
import { AppError, conflict, notFound } from '../../errors';
import { hashPassword } from '../auth/passwords';
import * as repo from './repository';

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;
const toApi = (u: UserRow, unitName: string | null = null) => ({
  id: u.id, username: u.username, displayName: u.display_name, role: u.role, active: u.active,
  unitId: u.unit_id, unitName, email: u.email, mustChangePassword: u.must_change_password,
});

export const listUsers = async (db: Kysely<DB>) => {
  const [rows, units] = await Promise.all([repo.listUsers(db), repo.unitNames(db)]);
  return rows.map((u) => toApi(u, u.unit_id ? (units.get(u.unit_id) ?? null) : null));
};

/**
 * A unit officer belongs to exactly one unit (issue 11); other roles belong to none. Returns the unit's name, or
 * null when the role takes no unit; refuses a missing or unknown unit with a vi/en message naming the field.
 */
async function checkUnit(db: Kysely<DB>, role: Role, unitId: string | null | undefined): Promise<string | null> {
  if (role !== 'unit_officer') return null;
  if (!unitId) {
    throw new AppError(400, 'validation', {
      vi: 'Trường unitId: cán bộ đơn vị (unit_officer) phải thuộc một đơn vị; hãy chọn đơn vị.',
      en: 'Field unitId: a unit officer (unit_officer) must belong to one unit; choose the unit.',
    });
  }
  const unit = await repo.findUnitName(db, unitId);
  if (!unit) throw new AppError(400, 'validation', { vi: 'Trường unitId: không có đơn vị này.', en: 'Field unitId: no such unit.' });
  return unit.name;
}

/**
 * `mustChangePassword`: the person has to set their own password at their first login (the route asks for it by
 * default, since the admin chose the password; seeding and tests leave it off).
 */
export async function createUser(
  db: Kysely<DB>,
  input: { username: string; displayName: string; role: Role; password: string; unitId?: string | null; email?: string | null; mustChangePassword?: boolean },
) {
  const unitName = await checkUnit(db, input.role, input.unitId);
  const row = await repo.insertUser(db, {
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    password_hash: await hashPassword(input.password),
    unit_id: input.role === 'unit_officer' ? input.unitId! : null,
    email: input.email ?? null,
    must_change_password: input.mustChangePassword ?? false,
  });
  if (!row) throw conflict({ vi: `Tên đăng nhập "${input.username}" đã tồn tại.`, en: `Username "${input.username}" already exists.` });
  return toApi(row, unitName);
}

export async function updateUser(
  db: Kysely<DB>,
  id: string,
  input: { displayName?: string; role?: Role; active?: boolean; password?: string; mustChangePassword?: boolean; unitId?: string | null; email?: string | null },
) {
  const current = await repo.findUser(db, id);
  if (!current) throw notFound({ vi: 'người dùng', en: 'User' });
  const role = input.role ?? current.role;
  const unitId = input.unitId !== undefined ? input.unitId : current.unit_id;
  const unitName = await checkUnit(db, role, unitId);
  const nextUnit = role === 'unit_officer' ? unitId : null;
  const row = await repo.updateUser(db, id, {
    ...(input.displayName !== undefined && { display_name: input.displayName }),
    ...(input.role !== undefined && { role: input.role }),
    ...(input.active !== undefined && { active: input.active }),
    ...(input.password !== undefined && { password_hash: await hashPassword(input.password) }),
    ...(input.mustChangePassword !== undefined && { must_change_password: input.mustChangePassword }),
    ...(nextUnit !== current.unit_id && { unit_id: nextUnit }),
    ...(input.email !== undefined && { email: input.email }),
  });
  if (!row) throw notFound({ vi: 'người dùng', en: 'User' });
  // a changed password, role, unit or deactivation ends the user's sessions
  if (input.password !== undefined || input.role !== undefined || input.active === false || nextUnit !== current.unit_id) {
    await repo.deleteUserSessions(db, id);
  }
  return toApi(row, unitName);
}
