import type { Kysely } from 'kysely';
import type { DB, FormStatus, QuotaLevel } from '../../db/schema';
import type { SessionUser } from '../../plugins/app/auth';
import { ALL_LEVELS, campaignLevels, levelsFor, type GovLevel } from './campaign-levels';
import { requireCampaign } from './setup.service';
import { formScope } from './scope';

type Counts = Record<'collected' | 'accepted' | 'flagged' | 'pending' | 'rejected' | 'returned', number>;
const emptyCounts = (): Counts => ({ collected: 0, accepted: 0, flagged: 0, pending: 0, rejected: 0, returned: 0 });

function addCounts(c: Counts, status: FormStatus, n: number) {
  c[status] += n;
  if (status !== 'rejected') c.collected += n; // collected = everything that counts towards the quota
}

/** Quotas in the order of the campaign's levels (its questionnaire's order), the unit-wide quota last. */
const byLevelOf = (levels: readonly GovLevel[]) => {
  const order = [...levels.map((l) => l.value), ALL_LEVELS];
  const rank = (level: string) => (order.includes(level) ? order.indexOf(level) : order.length);
  return (a: { level: string }, b: { level: string }) => rank(a.level) - rank(b.level) || a.level.localeCompare(b.level);
};

/**
 * A unit's total (API.md, "Quotas"): its `all` quota when there is one, else the sum of its per-level quotas. Level
 * quotas are parts of this total (saving refuses levels that add up to more than the `all` quota).
 */
export function unitTargets(quotas: { unit_id: string; level: string; target: number }[]) {
  const targets = new Map<string, number>();
  for (const q of quotas) if (q.level === 'all') targets.set(q.unit_id, q.target);
  for (const q of quotas) if (q.level !== 'all' && !quotas.some((o) => o.unit_id === q.unit_id && o.level === 'all')) targets.set(q.unit_id, (targets.get(q.unit_id) ?? 0) + q.target);
  return targets;
}

/** Fieldwork dashboard: per unit and per enumerator, forms by status against quota, and the last sync. */
export async function dashboard(db: Kysely<DB>, user: SessionUser, campaignId: string) {
  await requireCampaign(db, campaignId);
  const rows = await db
    .selectFrom('sipas_form')
    .select(['unit_id', 'enumerator_id', 'status', 'gov_level', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('received_at').as('last')])
    .where('campaign_id', '=', campaignId)
    .where(formScope(user))
    .groupBy(['unit_id', 'enumerator_id', 'status', 'gov_level'])
    .execute();
  const units = await db
    .selectFrom('campaign_unit')
    .innerJoin('unit', 'unit.id', 'campaign_unit.unit_id')
    .select(['unit.id', 'unit.name'])
    .where('campaign_unit.campaign_id', '=', campaignId)
    .orderBy('unit.position')
    .orderBy('unit.code')
    .execute();
  const enumerators = await db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where((eb) =>
      eb.or([
        eb('id', 'in', eb.selectFrom('enumerator_assignment').select('enumerator_id').where('campaign_id', '=', campaignId)),
        eb('id', 'in', eb.selectFrom('sipas_form').select('enumerator_id').where('campaign_id', '=', campaignId)),
      ]),
    )
    .orderBy('display_name')
    .execute();
  const quotas = await db.selectFrom('fieldwork_quota').select(['unit_id', 'level', 'target']).where('campaign_id', '=', campaignId).execute();
  const targets = unitTargets(quotas);
  const campaignLevelList = await campaignLevels(db, campaignId);
  const byLevel = byLevelOf(campaignLevelList);
  /** per unit, each level quota with the forms (in the reader's scope) counted against it */
  const levels = new Map<string, { level: QuotaLevel; target: number; collected: number; accepted: number }[]>();
  for (const q of [...quotas].filter((q) => q.level !== 'all').sort(byLevel)) {
    const at = rows.filter((r) => r.unit_id === q.unit_id && r.gov_level === q.level);
    const sum = (pred: (r: (typeof at)[number]) => boolean) => at.filter(pred).reduce((n, r) => n + Number(r.n), 0);
    levels.set(q.unit_id, [...(levels.get(q.unit_id) ?? []), {
      level: q.level, target: q.target, collected: sum((r) => r.status !== 'rejected'), accepted: sum((r) => r.status === 'accepted'),
    }]);
  }
  const byUnit = new Map(units.map((u) => [u.id, { counts: emptyCounts(), last: null as Date | null }]));
  const byEnumerator = new Map(enumerators.map((e) => [e.id, { counts: emptyCounts(), last: null as Date | null }]));
  for (const r of rows) {
    for (const entry of [byUnit.get(r.unit_id), byEnumerator.get(r.enumerator_id)]) {
      if (!entry) continue;
      addCounts(entry.counts, r.status, Number(r.n));
      const last = r.last ? new Date(r.last as unknown as string) : null;
      if (last && (!entry.last || last > entry.last)) entry.last = last;
    }
  }
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  // a supervisor sees the enumerators assigned to them and those whose forms are in their scope
  const mine = user.role === 'supervisor'
    ? new Set([
        ...rows.map((r) => r.enumerator_id),
        ...(await db.selectFrom('supervisor_assignment').select('enumerator_id').where('campaign_id', '=', campaignId).where('supervisor_id', '=', user.id).execute())
          .flatMap((a) => (a.enumerator_id ? [a.enumerator_id] : [])),
      ])
    : null;
  const visibleEnumerators = mine ? enumerators.filter((e) => mine.has(e.id)) : enumerators;
  return {
    levels: campaignLevelList,
    units: units.map((u) => ({
      unitId: u.id, name: u.name, target: targets.get(u.id) ?? null, ...byUnit.get(u.id)!.counts, lastSync: iso(byUnit.get(u.id)!.last), levels: levels.get(u.id) ?? [],
    })),
    enumerators: visibleEnumerators.map((e) => ({ userId: e.id, name: e.display_name, ...byEnumerator.get(e.id)!.counts, lastSync: iso(byEnumerator.get(e.id)!.last) })),
  };
}

interface ProfileUnit {
  unitId: string;
  code: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  quotas: { level: QuotaLevel; target: number; collected: number; accepted: number }[];
  /** the unit's total (same rule and numbers as the dashboard), null without any quota */
  total: { target: number; collected: number; accepted: number } | null;
  collectedByMe: number;
}

/** What an enumerator's phone needs: assignments, quotas with progress, and forms returned to them. */
export async function enumeratorProfile(db: Kysely<DB>, user: SessionUser) {
  const assignments = await db
    .selectFrom('enumerator_assignment as a')
    .innerJoin('fieldwork_plan as p', 'p.campaign_id', 'a.campaign_id')
    .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .select(['c.id as campaign_id', 'c.name as campaign_name', 'c.year', 'c.status', 'p.questionnaire_id', 'p.questionnaire_version', 'p.starts_on', 'p.ends_on',
      'u.id as unit_id', 'u.code', 'u.name as unit_name', 'u.latitude', 'u.longitude'])
    .where('a.enumerator_id', '=', user.id)
    .where('c.status', '=', 'fieldwork') // the only status that takes forms (issue 9): no form filled for nothing
    .orderBy('c.year', 'desc')
    .orderBy('u.code')
    .execute();
  const campaignIds = [...new Set(assignments.map((a) => a.campaign_id))];
  const unitIds = [...new Set(assignments.map((a) => a.unit_id))];
  const quotas = campaignIds.length
    ? await db.selectFrom('fieldwork_quota').selectAll().where('campaign_id', 'in', campaignIds).where('unit_id', 'in', unitIds).execute()
    : [];
  const counts = campaignIds.length
    ? await db
        .selectFrom('sipas_form')
        .select(['campaign_id', 'unit_id', 'gov_level', 'status', (eb) => eb.fn.countAll<number>().as('n'),
          (eb) => eb.fn.countAll<number>().filterWhere('enumerator_id', '=', user.id).as('mine')])
        .where('campaign_id', 'in', campaignIds)
        .where('unit_id', 'in', unitIds)
        .where('status', '<>', 'rejected')
        .groupBy(['campaign_id', 'unit_id', 'gov_level', 'status'])
        .execute()
    : [];
  const returned = await db
    .selectFrom('sipas_form as f')
    .select(['f.id', 'f.client_uuid', 'f.campaign_id', 'f.unit_id', 'f.paper_serial',
      (eb) => eb.selectFrom('review_event as r').select('r.reason').whereRef('r.form_id', '=', 'f.id').where('r.action', '=', 'return').orderBy('r.id', 'desc').limit(1).as('reason'),
      (eb) => eb.selectFrom('review_event as r').select('r.at').whereRef('r.form_id', '=', 'f.id').where('r.action', '=', 'return').orderBy('r.id', 'desc').limit(1).as('at')])
    .where('f.enumerator_id', '=', user.id)
    .where('f.status', '=', 'returned')
    .execute();

  const campaigns = new Map<string, { campaignId: string; campaignName: string; year: number; campaignStatus: string; questionnaireId: string; questionnaireVersion: number; levels: GovLevel[]; startsOn: string | null; endsOn: string | null; units: ProfileUnit[] }>();
  for (const a of assignments) {
    const c = campaigns.get(a.campaign_id) ?? {
      campaignId: a.campaign_id, campaignName: a.campaign_name, year: a.year, campaignStatus: a.status, questionnaireId: a.questionnaire_id,
      questionnaireVersion: a.questionnaire_version, startsOn: a.starts_on, endsOn: a.ends_on, units: [],
      // the plan's questionnaire gives the levels (every assignment here has a plan)
      levels: levelsFor({ questionnaireId: a.questionnaire_id, questionnaireVersion: a.questionnaire_version }, true),
    };
    const byLevel = byLevelOf(c.levels);
    const unitCounts = counts.filter((n) => n.campaign_id === a.campaign_id && n.unit_id === a.unit_id);
    const sumWhere = (pred: (n: (typeof unitCounts)[number]) => boolean, field: 'n' | 'mine' = 'n') => unitCounts.filter(pred).reduce((s, n) => s + Number(n[field]), 0);
    const unitQuotas = quotas.filter((q) => q.campaign_id === a.campaign_id && q.unit_id === a.unit_id);
    const total = unitTargets(unitQuotas).get(a.unit_id);
    c.units.push({
      unitId: a.unit_id, code: a.code, name: a.unit_name, latitude: a.latitude, longitude: a.longitude,
      total: total === undefined ? null : { target: total, collected: sumWhere(() => true), accepted: sumWhere((n) => n.status === 'accepted') },
      quotas: [...unitQuotas]
        .sort(byLevel)
        .map((q) => ({
          level: q.level,
          target: q.target,
          collected: sumWhere((n) => q.level === 'all' || n.gov_level === q.level),
          accepted: sumWhere((n) => (q.level === 'all' || n.gov_level === q.level) && n.status === 'accepted'),
        })),
      collectedByMe: sumWhere(() => true, 'mine'),
    });
    campaigns.set(a.campaign_id, c);
  }
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName },
    serverTime: new Date().toISOString(),
    assignments: [...campaigns.values()],
    returned: returned.map((r) => ({ formId: r.id, clientUuid: r.client_uuid, campaignId: r.campaign_id, unitId: r.unit_id, paperSerial: r.paper_serial, reason: r.reason ?? '', at: r.at ? new Date(r.at as unknown as string).toISOString() : null })),
  };
}
