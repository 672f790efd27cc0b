import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { createCampaign } from '../features/campaigns/service';
import { defaultSurvey, saveSurvey } from '../features/leadership/survey.service';
import { commitRespondentCsv } from '../features/leadership/respondents.service';
import { queueInvitations } from '../features/leadership/sending.service';
import { fillAnswers, getQuestionnaire } from '../../survey-forms/src/index';
import { mulberry32 } from '../../analytics/src/index';

const GROUPS = ['hdnd', 'so', 'huyen', 'xa'] as const;

/**
 * Demo leadership survey: a 2025 campaign of the demo province with 40 respondents, invitations delivered to the
 * in-app outbox (no SMTP_URL on a laptop), and 15 of them answered through their links — the whole path, so the
 * admin can open "Hộp thư đi", follow a link and answer as a delegate would.
 */
export async function loadDemoLeadership(app: FastifyInstance, db: Kysely<DB>) {
  const units = await db.selectFrom('unit').select(['id', 'code', 'kind']).where('code', 'like', 'DEMO%').where('kind', 'in', ['province', 'department', 'district']).orderBy('code').execute();
  const campaign = await createCampaign(db, {
    name: 'Khảo sát lãnh đạo, quản lý 2025 (minh hoạ)', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'national',
    unitIds: units.map((u) => u.id), previousCampaignId: null,
  });
  await db.updateTable('campaign').set({ status: 'fieldwork' }).where('id', '=', campaign.id).execute();
  await saveSurvey(db, campaign.id, { ...defaultSurvey(), deadline: new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10) });
  const departments = units.filter((u) => u.kind === 'department');
  const districts = units.filter((u) => u.kind === 'district');
  const surnames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Lò'];
  const given = ['Văn An', 'Thị Bình', 'Đức Cường', 'Thị Dung', 'Minh Hải', 'Thu Hằng', 'Quốc Khánh', 'Thị Lan'];
  const lines = Array.from({ length: 40 }, (_, i) => {
    const group = GROUPS[i % 4]!;
    const unit = group === 'hdnd' ? '' : group === 'so' ? departments[i % departments.length]!.code : districts[i % districts.length]!.code;
    return `${surnames[i % surnames.length]} ${given[i % given.length]},daibieu${i + 1}@demo.parindex.local,${group},${unit}`;
  });
  await commitRespondentCsv(db, campaign.id, `họ tên,email,nhóm,đơn vị\n${lines.join('\n')}\n`);
  await queueInvitations(db, campaign.id);
  await app.mailer.sendNow();
  // 15 delegates answer through the links in their (outbox) e-mails, as the answering page does
  const q = getQuestionnaire('leadership-2023')!;
  const rand = mulberry32(4);
  const mails = await db.selectFrom('mail_outbox').select('body').where('to_address', 'like', 'daibieu%').orderBy('to_address').limit(15).execute();
  for (const mail of mails) {
    const token = /\/r\/([A-Za-z0-9_-]{22})/.exec(mail.body)?.[1];
    if (!token) continue;
    const answers = fillAnswers(q, (question) => {
      if (question.kind !== 'scale') return undefined;
      const options = q.answerSets[question.answerSet]!.options;
      return options[Math.min(options.length - 1, Math.floor(rand() * rand() * options.length))]!.value; // mostly good
    });
    await app.inject({ method: 'POST', url: `/api/respond/${token}`, payload: { answers } });
  }
  return { campaignId: campaign.id, invited: lines.length, answered: mails.length };
}
