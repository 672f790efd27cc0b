import type { MeResponse } from './api';

/** Campaign and unit names of the enumerator's assignments, by id (the first 8 characters of an id not among them). */
export interface Names {
  campaign(id: string): string;
  unit(id: string): string;
}

/** Names from the enumerator's profile (GET /api/fieldwork/me, kept offline): the home and form screens both show them. */
export function namesOf(me: MeResponse | undefined): Names {
  const campaigns = new Map<string, string>();
  const units = new Map<string, string>();
  for (const a of me?.assignments ?? []) {
    campaigns.set(a.campaignId, `${a.campaignName}`);
    for (const u of a.units) units.set(u.unitId, u.name);
  }
  return { campaign: (id) => campaigns.get(id) ?? id.slice(0, 8), unit: (id) => units.get(id) ?? id.slice(0, 8) };
}
