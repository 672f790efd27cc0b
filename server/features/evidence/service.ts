import type { Kysely } from 'kysely';
import type { AssessmentPhase, DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { SessionUser } from '../../plugins/app/auth';
import { criteriaSetCodeForUnit } from '../campaigns/unit-criteria-set';
import { loadCriteriaSet } from '../criteria/repository';
import { requireOpenPhase } from '../assessment/phases';
import { appraiserAssignments, coversCriterion, isStaff, officerUnitId, requireSheetAccess } from '../assessment/scope';
import * as repo from './repository';

// Who may see and change evidence, and when (issue 11, server/features/assessment/DESIGN.md):
//   see       the unit's officers; appraisers of the fields a document supports (linked to a leaf under their
//             assignment); admins and analysts. Anyone else — and any id that is not a live document — 404.
//   change    the unit's officers and admins/analysts, while self-assessment is open (or response, for stage
//             'response'), and never once the sheet is approved.

export type Stage = 'self' | 'response';
export const PHASE_OF_STAGE: Record<Stage, AssessmentPhase> = { self: 'self_assessment', response: 'response' };

const documentNotFound = () => new AppError(404, 'not_found', { vi: 'Không tìm thấy tài liệu kiểm chứng.', en: 'Evidence document not found.' });

/** The document if `user` may read it, else 404 (same answer for a deleted document, a random id or another unit's). */
export async function readableDocument(db: Kysely<DB>, user: SessionUser, documentId: string): Promise<repo.DocumentRow> {
  const doc = await repo.findDocument(db, documentId);
  if (!doc) throw documentNotFound();
  if (isStaff(user)) return doc;
  if (user.role === 'unit_officer' && (await officerUnitId(db, user)) === doc.unit_id) return doc;
  if (user.role === 'appraiser') {
    const links = await repo.linksOfDocuments(db, [doc.id]);
    const covers = await appraiserCoverage(db, user, doc.campaign_id, doc.unit_id);
    if (links.some((l) => covers(l.criterion_code))) return doc;
  }
  throw documentNotFound();
}

/** For an appraiser: which of a unit's leaves lie under their assignments in the unit's criteria set. */
export async function appraiserCoverage(db: Kysely<DB>, user: SessionUser, campaignId: string, unitId: string): Promise<(code: string) => boolean> {
  const assigned = await appraiserAssignments(db, user.id, campaignId);
  const setCode = await criteriaSetCodeForUnit(db, campaignId, unitId);
  const set = setCode && assigned.has(setCode) ? await loadCriteriaSet(db, setCode) : undefined;
  if (!set) return () => false;
  return (code) => coversCriterion(set, assigned.get(set.code), code);
}

/** An officer of the unit or staff; appraisers and everyone else: 404 (the unit's evidence does not exist for them). */
export async function requireEvidenceEditor(db: Kysely<DB>, user: SessionUser, campaignId: string, unitId: string): Promise<void> {
  const role = await requireSheetAccess(db, user, campaignId, unitId);
  if (role === 'appraiser') throw new AppError(404, 'not_found', { vi: 'Không tìm thấy bảng tự đánh giá.', en: 'Self-assessment sheet not found.' });
}

/**
 * Evidence of the unit's sheet may change now: one of `phases` is open for the unit and the sheet is not approved
 * (409 otherwise, saying why). Returns the open phase.
 */
export async function requireEvidenceWritable(db: Kysely<DB>, campaignId: string, unitId: string, phases: readonly AssessmentPhase[]): Promise<AssessmentPhase> {
  if ((await repo.sheetStatus(db, campaignId, unitId)) === 'approved') {
    throw new AppError(409, 'conflict', {
      vi: 'Bảng tự đánh giá của đơn vị đã được Hội đồng phê duyệt: tài liệu kiểm chứng đã khoá, không thêm, gỡ hay xoá được.',
      en: 'The unit’s self-assessment sheet has been approved by the council: its evidence is locked and cannot be added, unlinked or deleted.',
    });
  }
  return requireOpenPhase(db, campaignId, unitId, phases);
}

/** The stage of a new link: the one asked for (its phase must be open), else the one of the open phase. */
export async function linkStage(db: Kysely<DB>, campaignId: string, unitId: string, asked: Stage | undefined): Promise<Stage> {
  const phase = await requireEvidenceWritable(db, campaignId, unitId, asked ? [PHASE_OF_STAGE[asked]] : ['self_assessment', 'response']);
  return asked ?? (phase === 'response' ? 'response' : 'self');
}

/** The phases in which a document may be deleted: that of its links (self-assessment evidence only in self-assessment). */
export function deletePhases(stages: readonly Stage[]): AssessmentPhase[] {
  if (stages.includes('self')) return ['self_assessment'];
  if (stages.includes('response')) return ['response'];
  return ['self_assessment', 'response'];
}

/** A leaf of the unit's criteria set, or 422 naming the code. */
export async function requireLeaf(db: Kysely<DB>, campaignId: string, unitId: string, code: string): Promise<{ code: string; name: string }> {
  const setCode = await criteriaSetCodeForUnit(db, campaignId, unitId);
  const leaf = setCode ? await repo.findLeaf(db, setCode, code) : undefined;
  if (!leaf) {
    throw new AppError(422, 'validation', {
      vi: `Trường criterionCode: «${code}» không phải là tiêu chí thành phần (lá) của bộ tiêu chí áp dụng cho đơn vị.`,
      en: `Field criterionCode: “${code}” is not a leaf criterion of the unit’s criteria set.`,
    }, { field: 'criterionCode', code });
  }
  return leaf;
}

/** Attaches a document to a leaf (409 when it is attached there already); writes the leaf's history and the audit log. */
export async function attach(
  trx: Kysely<DB>, user: SessionUser,
  link: { campaignId: string; unitId: string; documentId: string; filename: string; criterionCode: string; pointer: string | null; stage: Stage },
) {
  await requireLeaf(trx, link.campaignId, link.unitId, link.criterionCode);
  if (await repo.findLink(trx, link.documentId, link.criterionCode)) {
    throw new AppError(409, 'conflict', {
      vi: `Tài liệu «${link.filename}» đã được gắn với tiêu chí ${link.criterionCode}.`,
      en: `Document “${link.filename}” is already attached to criterion ${link.criterionCode}.`,
    });
  }
  await repo.ensureSheet(trx, link.campaignId, link.unitId);
  const row = await repo.insertLink(trx, { ...link, userId: user.id });
  await repo.insertEvent(trx, {
    campaignId: link.campaignId, unitId: link.unitId, criterionCode: link.criterionCode, userId: user.id, kind: 'evidence_linked',
    comment: link.pointer ? `${link.filename} — ${link.pointer}` : link.filename,
  });
  return row;
}
