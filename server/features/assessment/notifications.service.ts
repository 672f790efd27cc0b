import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

// In-app notifications ("what changed for me") of a self-assessment campaign, each also e-mailed to the user when
// app_user.email is set (user_mail, sent by notifications-mail.ts through the app's transport). A notification with
// a dedupe_key is made once: the same event seen again (a reminder pass run twice, a retried request) adds nothing.

export type NotificationKind = 'phase_opened' | 'deadline_reminder' | 'appraisal_available' | 'sheet_approved';

const SUBJECTS: Record<NotificationKind, string> = {
  phase_opened: 'Mở giai đoạn đánh giá CCHC / Assessment phase opened',
  deadline_reminder: 'Sắp hết hạn / Deadline approaching',
  appraisal_available: 'Đã có kết quả thẩm định / Appraisal comments available',
  sheet_approved: 'Hội đồng đã phê duyệt / Approved by the council',
};

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  campaignId: string | null;
  unitId?: string | null;
  code?: string | null;
  message: { vi: string; en: string };
  /** the event's identity: a second notification with the same key is not made */
  dedupeKey: string;
}

/** Stores notifications (skipping those already made) and queues an e-mail for each new one whose user has an address. Returns how many were new. */
export async function notify(db: Kysely<DB>, items: readonly NewNotification[]): Promise<number> {
  if (items.length === 0) return 0;
  // a notification and its e-mail are made together or not at all
  if (!db.isTransaction) return db.transaction().execute((trx) => notify(trx, items));
  // the clock-driven passes offer the same events every minute: skip known keys before inserting (ON CONFLICT still
  // settles a race, but would draw a sequence number for each skipped row)
  const known = new Set((await db.selectFrom('user_notification').select('dedupe_key').where('dedupe_key', 'in', items.map((n) => n.dedupeKey)).execute()).map((r) => r.dedupe_key));
  const fresh = items.filter((n) => !known.has(n.dedupeKey));
  if (fresh.length === 0) return 0;
  const inserted = await db.insertInto('user_notification')
    .values(fresh.map((n) => ({
      user_id: n.userId, kind: n.kind, campaign_id: n.campaignId, unit_id: n.unitId ?? null, criterion_code: n.code ?? null,
      message: JSON.stringify(n.message), dedupe_key: n.dedupeKey,
    })))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning(['id', 'user_id', 'kind', 'message'])
    .execute();
  if (inserted.length === 0) return 0;
  const users = await db.selectFrom('app_user').select(['id', 'email', 'display_name'])
    .where('id', 'in', [...new Set(inserted.map((n) => n.user_id))]).where('active', '=', true).where('email', 'is not', null).execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  const mails = inserted.flatMap((n) => {
    const u = byId.get(n.user_id);
    if (!u?.email) return [];
    const m = (typeof n.message === 'string' ? JSON.parse(n.message) : n.message) as { vi: string; en: string };
    return [{
      notification_id: n.id, user_id: u.id, to_address: u.email, subject: `[ParIndex] ${SUBJECTS[n.kind as NotificationKind] ?? n.kind}`,
      body: `Kính gửi ${u.display_name},\n\n${m.vi}\n\nĐăng nhập ParIndex để xem chi tiết.\n\n---\n${m.en}\n\nSign in to ParIndex for the details.\n`,
    }];
  });
  if (mails.length) await db.insertInto('user_mail').values(mails).execute();
  return inserted.length;
}

/** The user's notifications, newest first, and how many are unread. */
export async function listNotifications(db: Kysely<DB>, userId: string, opts: { unreadOnly: boolean; limit: number }) {
  let q = db.selectFrom('user_notification').selectAll().where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  const unread = await db.selectFrom('user_notification').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return {
    notifications: rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      campaignId: r.campaign_id,
      unitId: r.unit_id,
      criterionCode: r.criterion_code,
      message: (typeof r.message === 'string' ? JSON.parse(r.message) : r.message) as { vi: string; en: string },
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    })),
    unread: Number(unread.n),
  };
}

/** Marks one of the user's own notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Kysely<DB>, userId: string, id: string): Promise<boolean> {
  const row = await db.updateTable('user_notification')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(new Date())) }))
    .where('id', '=', id).where('user_id', '=', userId).returning('id').executeTakeFirst();
  return !!row;
}
