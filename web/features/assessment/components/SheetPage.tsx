import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../shared/components/Badge';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormat } from '../../../shared/format/useFormat';
import { useSheet } from '../api/queries';
import type { SheetNode } from '../api/types';
import { APPRAISAL_TONE, appraisalKey, phaseKey, SHEET_TONE, sheetStatusKey } from './labels';
import { LeafPanel } from './LeafPanel';
import { SheetActions } from './SheetActions';

/** The leaves under each field (level-0 node), in the set's order. */
function byField(nodes: SheetNode[]) {
  const parent = new Map(nodes.map((n) => [n.code, n.parent]));
  const fieldOf = (code: string): string => {
    let c = code;
    while (parent.get(c)) c = parent.get(c)!;
    return c;
  };
  const fields = nodes.filter((n) => n.parent === null);
  return fields.map((f) => ({ field: f, leaves: nodes.filter((n) => n.leaf && fieldOf(n.code) === f.code) }));
}

/**
 * /campaigns/:campaignId/assessment/units/:unitId — a unit's self-assessment sheet: every criterion with its maximum,
 * the unit's score, evidence and status, grouped by field; a criterion opens in a panel. Works from 390 px: each
 * criterion is one row that wraps.
 */
export function SheetPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { campaignId = '', unitId = '' } = useParams();
  const sheet = useSheet(campaignId, unitId);
  const [params] = useSearchParams();
  const [open, setOpen] = useState<string | null>(params.get('open'));
  const groups = useMemo(() => (sheet.data ? byField(sheet.data.nodes) : []), [sheet.data]);

  return (
    <QueryState query={sheet}>
      {(data) => {
        const node = open ? data.nodes.find((n) => n.code === open && n.leaf) : undefined;
        return (
          <div className="stack">
            <PageHeader
              back={{ to: `/campaigns/${campaignId}/assessment`, label: t('assessment.title') }}
              title={data.unit.name}
              subtitle={`${data.set.name} · ${t('assessment.openNow')}: ${data.phase.openNow.length ? data.phase.openNow.map((p) => t(phaseKey(p))).join(', ') : t('assessment.noPhaseOpen')}`}
              actions={<Badge tone={SHEET_TONE[data.sheet.status]}>{t(sheetStatusKey(data.sheet.status))}</Badge>}
            />
            <div className="stat-grid">
              <div className="stat"><span className="stat__label">{t('assessment.total.self')}</span><span className="stat__value num">{format.score(data.totals.self)}</span></div>
              <div className="stat"><span className="stat__label">{t('assessment.total.appraised')}</span><span className="stat__value num">{format.score(data.totals.appraised)}</span></div>
              <div className="stat"><span className="stat__label">{t('assessment.total.final')}</span><span className="stat__value num">{format.score(data.totals.final)}</span></div>
              <div className="stat"><span className="stat__label">{t('assessment.total.max')}</span><span className="stat__value num">{format.score(data.totals.max)}</span></div>
            </div>
            <SheetActions campaignId={campaignId} unitId={unitId} sheet={data} />
            {groups.map(({ field, leaves }) => (
              <section key={field.code} className="card stack stack--tight">
                <h2 className="section-head">{field.code}. {field.name} <span className="muted small">({t('assessment.leaf.max')} {format.score(field.maxPoints)})</span></h2>
                <ul className="tree-list">
                  {leaves.map((n) => {
                    const l = n.leaf!;
                    return (
                      <li key={n.code} className="tree-list__item">
                        <button type="button" className="tree-list__row link-button" data-code={n.code} onClick={() => setOpen(n.code)}
                          aria-label={`${n.code} ${n.name}`}>
                          <span className="code">{n.code}</span> <span>{n.name}</span>
                        </button>
                        <span className="tree-list__meta small">
                          {n.notApplicable ? t('assessment.leaf.notApplicableShort') : (
                            <>
                              {t('assessment.leaf.selfShort')} <strong className="num">{format.score(l.selfScore)}</strong>/{format.score(n.maxPoints)}
                              {' · '}{t('assessment.leaf.evidenceShort', { count: l.evidence.length })}
                              {n.evidenceRequired && l.evidence.length === 0 && <> {' '}<Badge tone="warning">{t('assessment.leaf.evidenceMissing')}</Badge></>}
                              {l.appraisedScore != null && <> · {t('assessment.leaf.appraisedShort')} <strong className="num">{format.score(l.appraisedScore)}</strong></>}
                              {l.finalScore != null && <> · {t('assessment.leaf.finalShort')} <strong className="num">{format.score(l.finalScore)}</strong></>}
                              {' '}<Badge tone={APPRAISAL_TONE[l.appraisalStatus]}>{t(appraisalKey(l.appraisalStatus))}</Badge>
                              {l.complete && <span className="count--good" title={t('assessment.leaf.complete')}> ✓</span>}
                            </>
                          )}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
            {node && <LeafPanel campaignId={campaignId} unitId={unitId} node={node} openNow={data.phase.openNow} onClose={() => setOpen(null)} />}
          </div>
        );
      }}
    </QueryState>
  );
}
