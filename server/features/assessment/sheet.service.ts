import type { Kysely } from 'kysely';
import type { CriterionDef } from '../../../analytics/src/types';
import type { AssessmentPhase, DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { SessionUser } from '../../plugins/app/auth';
import { loadScoreContext, type ScoreContext } from '../content-scores/context';
import {
  ensureSheet, evidenceRequirements, findSheet, listEvidenceLinks, listLeaves, notApplicable, selfAssessedLeaves,
  type EvidenceRequirement, type LeafEvidence, type LeafState, type SheetKey, type SheetRow,
} from './assessment-leaf.repository';
import { listPhases, type PhaseWindow } from './phases';
import { appraiserAssignments, coversCriterion, requireSheetAccess, type SheetRole } from './scope';
import { leafAbilities, leafGaps, NOTHING, openPhasesForSheet, signatureGaps, type Gap, type LeafAbilities } from './sheet-rules';
import { parseCheck, signatureRequired, trustStore } from '../evidence/signature/repository';
import type { SignatureView } from '../evidence/signature/trust';

/** Everything a step on one unit's sheet needs, loaded once (inside the route's transaction for writes). */
export interface SheetSession {
  user: SessionUser;
  role: SheetRole;
  key: SheetKey;
  ctx: ScoreContext;
  sheet: SheetRow;
  windows: PhaseWindow[];
  openNow: AssessmentPhase[];
  /** the leaf (or node) is within the caller's reach: always for the unit side, under the assignments for appraisers */
  covers(code: string): boolean;
}

const sheetNotFound = () => new AppError(404, 'not_found', { vi: 'Không tìm thấy bảng tự đánh giá.', en: 'Self-assessment sheet not found.' });

/**
 * Checks the caller's scope (404 outside it), loads the unit's criteria set and creates the sheet and its leaves on
 * first access. An appraiser with no assigned leaf in this unit's set does not see the sheet (404).
 */
export async function openSheet(db: Kysely<DB>, user: SessionUser, campaignId: string, unitId: string, now = new Date()): Promise<SheetSession> {
  const role = await requireSheetAccess(db, user, campaignId, unitId);
  const ctx = await loadScoreContext(db, campaignId, unitId);
  const key = { campaignId, unitId };
  let covers: (code: string) => boolean = () => true;
  if (role === 'appraiser') {
    const assigned = (await appraiserAssignments(db, user.id, campaignId)).get(ctx.set.code);
    covers = (code) => coversCriterion(ctx.set, assigned, code);
    if (!selfAssessedLeaves(ctx.set).some((l) => covers(l.code))) throw sheetNotFound();
  }
  await ensureSheet(db, key, ctx.set);
  const sheet = (await findSheet(db, key))!;
  const windows = await listPhases(db, campaignId);
  return { user, role, key, ctx, sheet, windows, openNow: openPhasesForSheet(windows, sheet, now), covers };
}

/** A self-assessed leaf of the sheet within the caller's reach, else 404 (an appraiser outside their fields learns nothing). */
export function requireLeafDef(s: SheetSession, code: string): CriterionDef {
  const def = s.ctx.set.criteria.find((c) => c.code === code);
  if (!def || def.source !== 'content' || !s.covers(code)) {
    throw new AppError(404, 'not_found', { vi: `Không tìm thấy tiêu chí ${code} trong bảng tự đánh giá.`, en: `Criterion ${code} not found in the self-assessment sheet.` });
  }
  return def;
}

/** The refusal for any write on an approved (locked) sheet. */
export function refuseIfApproved(s: SheetSession): void {
  if (s.sheet.status !== 'approved') return;
  const at = s.sheet.approved_at ? new Date(s.sheet.approved_at).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '';
  throw new AppError(409, 'conflict', {
    vi: `Kết quả của đơn vị "${s.ctx.unit.name}" đã được Hội đồng phê duyệt${at ? ` ngày ${at}` : ''} và đã khóa; không thể thay đổi.`,
    en: `The results of "${s.ctx.unit.name}" were approved by the council${s.sheet.approved_at ? ` on ${new Date(s.sheet.approved_at).toISOString().slice(0, 10)}` : ''} and are locked; they cannot be changed.`,
  });
}

/** Per-leaf data the tree and the checks read together. */
/** A linked document with what its signature check says now (trust evaluated against today's roots). */
export type SheetEvidence = Omit<LeafEvidence, 'signatureCheck'> & { signature: SignatureView };

export interface SheetData {
  leaves: Map<string, LeafState>;
  evidence: Map<string, SheetEvidence[]>;
  /** the campaign requires a valid signature chaining to a trusted root on evidence (issue 13) */
  signatureRequired: boolean;
  requirements: Map<string, EvidenceRequirement>;
  notApplicable: Map<string, string | null>;
}

export async function loadSheetData(db: Kysely<DB>, s: SheetSession): Promise<SheetData> {
  const [leaves, links, requirements, na, trust, required] = await Promise.all([
    listLeaves(db, s.key), listEvidenceLinks(db, s.key), evidenceRequirements(db, s.ctx.set.code), notApplicable(db, s.key),
    trustStore(db), signatureRequired(db, s.key.campaignId),
  ]);
  const evidence = new Map([...links].map(([code, list]) => [code, list.map(({ signatureCheck, ...e }) => ({ ...e, signature: trust.view(parseCheck(signatureCheck)) }))]));
  return { leaves: new Map(leaves.map((l) => [l.code, l])), evidence, requirements, notApplicable: na, signatureRequired: required };
}

/** A leaf as the API shows it: its state, evidence, completion and what the caller may do. */
export function leafView(s: SheetSession, d: SheetData, def: CriterionDef, leaf: LeafState) {
  const evidence = d.evidence.get(def.code) ?? [];
  const na = d.notApplicable.has(def.code);
  const gaps = [...leafGaps(def, leaf, evidence, d.requirements.get(def.code), na), ...(d.signatureRequired && !na ? signatureGaps(def, evidence) : [])];
  const can: LeafAbilities = leafAbilities({ role: s.role, status: s.sheet.status, openNow: s.openNow, covered: s.covers(def.code), notApplicable: na, leaf });
  const { code: _code, ...state } = leaf;
  return {
    leaf: {
      ...state,
      complete: gaps.length === 0,
      evidence: evidence.map(({ criterionCode: _c, ...e }) => e),
    },
    gaps,
    can,
  };
}

/** The gaps of every leaf in the caller's reach, in the set's order (the submit check). */
export function sheetGaps(s: SheetSession, d: SheetData): Gap[] {
  return selfAssessedLeaves(s.ctx.set).filter((def) => s.covers(def.code)).flatMap((def) => {
    const leaf = d.leaves.get(def.code);
    return leaf ? leafView(s, d, def, leaf).gaps : [];
  });
}

/** The sheet as GET P/sheets/:unitId answers it. */
export function sheetView(s: SheetSession, d: SheetData) {
  const set = s.ctx.set;
  // appraisers see only the nodes on the paths to their leaves
  const parent = new Map(set.criteria.map((c) => [c.code, c.parent]));
  const visible = new Set<string>();
  for (const def of set.criteria) {
    if (def.source === null || !s.covers(def.code)) continue;
    for (let c: string | null = def.code; c !== null && !visible.has(c); c = parent.get(c) ?? null) visible.add(c);
  }
  const totals = { self: 0, appraised: 0, final: 0, max: 0, leaves: 0, scored: 0, complete: 0, withEvidence: 0 };
  const nodes = set.criteria.filter((c) => visible.has(c.code)).map((def) => {
    const req = d.requirements.get(def.code);
    const na = d.notApplicable.has(def.code);
    const leaf = def.source === 'content' ? d.leaves.get(def.code) : undefined;
    const view = leaf ? leafView(s, d, def, leaf) : undefined;
    if (leaf && view && !na) {
      totals.leaves += 1;
      totals.max += def.maxPoints;
      totals.self += leaf.selfScore ?? 0;
      totals.appraised += leaf.appraisedScore ?? 0;
      totals.final += leaf.finalScore ?? leaf.appraisedScore ?? leaf.selfScore ?? 0;
      if (leaf.selfScore !== null) totals.scored += 1;
      if (view.leaf.complete) totals.complete += 1;
      if (view.leaf.evidence.length) totals.withEvidence += 1;
    }
    return {
      code: def.code,
      parent: def.parent,
      level: def.level,
      name: def.name,
      maxPoints: def.maxPoints,
      source: def.source,
      rule: def.rule ?? null,
      notApplicable: na,
      notApplicableReason: na ? (d.notApplicable.get(def.code) ?? null) : null,
      evidenceRequired: req?.required ?? false,
      evidenceExpected: req?.expected ?? null,
      evidenceGuidance: req?.guidance ?? null,
      ...(view ? { leaf: view.leaf } : {}),
      can: view?.can ?? NOTHING,
    };
  });
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    unit: { id: s.ctx.unit.id, name: s.ctx.unit.name, code: s.ctx.unit.code },
    sheet: {
      status: s.sheet.status,
      version: s.sheet.version,
      submittedAt: s.sheet.submitted_at ? new Date(s.sheet.submitted_at).toISOString() : null,
      approvedAt: s.sheet.approved_at ? new Date(s.sheet.approved_at).toISOString() : null,
      reopened: s.sheet.reopened_phase
        ? { phase: s.sheet.reopened_phase, until: s.sheet.reopened_until ? new Date(s.sheet.reopened_until).toISOString() : null, reason: s.sheet.reopen_reason }
        : null,
    },
    set: { code: set.code, name: set.name },
    role: s.role,
    phase: { openNow: s.openNow },
    nodes,
    totals: { ...totals, self: round(totals.self), appraised: round(totals.appraised), final: round(totals.final), max: round(totals.max) },
  };
}
