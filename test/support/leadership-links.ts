import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema';
import { hashToken, newToken } from '../../server/features/auth/passwords';
import { GROUPS } from './leadership';

/**
 * A working link for every respondent of a campaign made by leadershipScenario, stored as the sender stores it (only
 * the token's hash), without going through e-mail: index i is "Người trả lời i+1", of group GROUPS[i % 4].
 */
export async function linksFor(db: Kysely<DB>, campaignId: string): Promise<string[]> {
  const people = await db.selectFrom('respondent').select(['id', 'name', 'respondent_group']).where('campaign_id', '=', campaignId).orderBy('name').execute();
  const tokens: string[] = [];
  for (const [i, p] of people.entries()) {
    if (p.respondent_group !== GROUPS[i % 4]) throw new Error(`respondent ${p.name} is not in group ${GROUPS[i % 4]}`);
    const token = newToken();
    await db.insertInto('respondent_link').values({ token_hash: hashToken(token), respondent_id: p.id }).execute();
    tokens.push(token);
  }
  return tokens;
}

/** Indices of the respondents of one group, in the order leadershipScenario made them. */
export const indicesOf = (group: (typeof GROUPS)[number], count: number) => Array.from({ length: count }, (_, k) => GROUPS.indexOf(group) + 4 * k);
