import { fillAnswers, getQuestionnaire, type Question } from '../../survey-forms/src/index';
import { createCampaign, updateCampaign } from '../../server/features/campaigns/service';
import { createUnit } from '../../server/features/units/service';
import { defaultSurvey, saveSurvey } from '../../server/features/leadership/survey.service';
import { commitRespondentCsv } from '../../server/features/leadership/respondents.service';
import type { TestApp } from './app';

export const GROUPS = ['hdnd', 'so', 'huyen', 'xa'] as const;

/** A campaign in fieldwork with a leadership survey and `n` respondents spread over the four groups. */
export async function leadershipScenario(t: TestApp, n: number, suffix = '') {
  const db = t.database.db;
  const province = await createUnit(db, { code: `LS${suffix}`, name: 'Tỉnh khảo sát', parentId: null, kind: 'province', group: null });
  const so = await createUnit(db, { code: `LS${suffix}-SNV`, name: 'Sở Nội vụ', parentId: province.id, kind: 'department', group: 'so' });
  const huyen = await createUnit(db, { code: `LS${suffix}-H1`, name: 'Huyện Một', parentId: province.id, kind: 'district', group: 'huyen' });
  const campaign = await createCampaign(db, { name: `PAR INDEX 2025${suffix}`, year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [province.id, so.id, huyen.id], previousCampaignId: null });
  await updateCampaign(db, campaign.id, { status: 'fieldwork' }); // leadership e-mail goes out only in fieldwork
  await saveSurvey(db, campaign.id, { ...defaultSurvey(), deadline: '2025-12-31', ratePerMinute: 10_000 }); // no rate limit in the way
  const unitFor = { hdnd: '', so: so.code, huyen: huyen.code, xa: huyen.code };
  const lines = Array.from({ length: n }, (_, i) => {
    const group = GROUPS[i % 4]!;
    return `Người trả lời ${String(i + 1).padStart(4, '0')},nguoi${i + 1}@so-noivu.example.gov.vn,${group},${unitFor[group]}`;
  });
  await commitRespondentCsv(db, campaign.id, `họ tên,email,nhóm,đơn vị\n${lines.join('\n')}\n`);
  return { campaignId: campaign.id, base: `/api/campaigns/${campaign.id}/leadership` };
}

const leadership = getQuestionnaire('leadership-2023')!;

/** A valid answer sheet; `seed` varies it so sheets differ (some "Không biết"). */
export function leadershipAnswers(seed: number) {
  let i = seed;
  return fillAnswers(leadership, (question: Question) => {
    if (question.kind !== 'scale') return undefined;
    i = (i * 31 + 7) % 97;
    return pickOption(question, i);
  });
}

function pickOption(question: Question, k: number) {
  const options = question.kind === 'scale' ? leadership.answerSets[question.answerSet]!.options : [];
  return options[k % options.length]!.value;
}

export const linkIn = (text: string) => /https?:\/\/\S+\/r\/([A-Za-z0-9_-]{22})/.exec(text)?.[1] ?? null;
