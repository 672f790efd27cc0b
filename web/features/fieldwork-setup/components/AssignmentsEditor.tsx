import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldworkEnumerator, FieldworkSupervisor, Unit } from '../../../shared/api/types';
import { Badge } from '../../../shared/components/Badge';
import { Field, TextInput } from '../../../shared/components/Field';
import { SaveActions } from '../../../shared/components/SaveActions';
import { useFormat } from '../../../shared/format/useFormat';
import { useSaveAssignments } from '../api/useSaveAssignments';
import { sameDraft, toDraft, toUpdate, type AssignmentsDraft } from './assignments';
import { IdChecklist, type ChecklistItem } from './IdChecklist';

interface AssignmentsEditorProps {
  campaignId: string;
  units: readonly Unit[];
  enumerators: readonly FieldworkEnumerator[];
  supervisors: readonly FieldworkSupervisor[];
  readOnly: boolean;
}

const matches = (query: string, ...texts: string[]) => {
  const q = query.trim().toLocaleLowerCase('vi');
  return q === '' || texts.some((text) => text.toLocaleLowerCase('vi').includes(q));
};

/** Which units each enumerator works in; which enumerators and / or units each supervisor oversees. Saved together. */
export function AssignmentsEditor({ campaignId, units, enumerators, supervisors, readOnly }: AssignmentsEditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const save = useSaveAssignments(campaignId);
  const saved = useMemo(() => toDraft(enumerators, supervisors), [enumerators, supervisors]);
  // only the people changed here; everyone else follows the server (e.g. accounts just imported with their units)
  const [changes, setChanges] = useState<AssignmentsDraft>({ enumerators: {}, supervisors: {} });
  const draft: AssignmentsDraft = {
    enumerators: { ...saved.enumerators, ...changes.enumerators },
    supervisors: { ...saved.supervisors, ...changes.supervisors },
  };
  const [query, setQuery] = useState('');
  const dirty = !sameDraft(draft, saved);

  const unitItems: ChecklistItem[] = units.map((u) => ({
    id: u.id,
    label: (
      <>
        <span className="code">{u.code}</span> {u.name}
      </>
    ),
  }));
  const enumeratorItems: ChecklistItem[] = enumerators.map((e) => ({
    id: e.userId,
    label: (
      <>
        {e.displayName} <span className="muted small">({e.username})</span>
      </>
    ),
  }));
  const campaignUnitIds = new Set(units.map((u) => u.id));
  const unitCount = (ids: readonly string[]) => ids.filter((id) => campaignUnitIds.has(id)).length;
  const supervisorsOf = (enumeratorId: string) =>
    supervisors.filter((s) => draft.supervisors[s.userId]?.enumeratorIds.includes(enumeratorId)).map((s) => s.displayName);

  const setEnumeratorUnits = (userId: string, unitIds: string[]) => setChanges((c) => ({ ...c, enumerators: { ...c.enumerators, [userId]: unitIds } }));
  const setSupervisor = (userId: string, change: Partial<{ enumeratorIds: string[]; unitIds: string[] }>) =>
    setChanges((c) => {
      const current = c.supervisors[userId] ?? saved.supervisors[userId] ?? { enumeratorIds: [], unitIds: [] };
      return { ...c, supervisors: { ...c.supervisors, [userId]: { ...current, ...change } } };
    });
  const discard = () => setChanges({ enumerators: {}, supervisors: {} });

  const onSave = () => save.mutate(toUpdate(draft), { onSuccess: discard });

  const shownEnumerators = enumerators.filter((e) => matches(query, e.displayName, e.username));
  const shownSupervisors = supervisors.filter((s) => matches(query, s.displayName, s.username));

  return (
    <div className="stack">
      {enumerators.length + supervisors.length > 6 && (
        <Field label={t('fieldworkSetup.assignments.search')} htmlFor="assign-search">
          <TextInput id="assign-search" type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </Field>
      )}

      <h3>
        {t('fieldworkSetup.assignments.enumerators')} <span className="muted">({enumerators.length})</span>
      </h3>
      {enumerators.length === 0 && <p className="muted">{t('fieldworkSetup.assignments.noEnumerators')}</p>}
      <div className="assign-list">
        {shownEnumerators.map((e) => {
          const unitIds = draft.enumerators[e.userId] ?? [];
          const count = unitCount(unitIds);
          const supervisedBy = supervisorsOf(e.userId);
          return (
            <details key={e.userId} className="assign card">
              <summary className="assign__summary">
                <span className="assign__name">
                  {e.displayName} <span className="muted small">({e.username})</span>
                </span>
                <span className="assign__meta">
                  {count === 0 ? <Badge tone="warning">{t('fieldworkSetup.assignments.noUnits')}</Badge> : <Badge tone="info">{t('fieldworkSetup.assignments.unitCount', { count, n: format.integer(count) })}</Badge>}
                  {supervisedBy.length > 0 && <span className="muted small">{t('fieldworkSetup.assignments.supervisedBy', { names: supervisedBy.join(', ') })}</span>}
                </span>
              </summary>
              <IdChecklist
                legend={t('fieldworkSetup.assignments.units')}
                items={unitItems}
                value={unitIds}
                disabled={readOnly}
                onChange={(ids) => setEnumeratorUnits(e.userId, ids)}
                empty={t('campaigns.noUnits')}
              />
            </details>
          );
        })}
      </div>

      <h3>
        {t('fieldworkSetup.assignments.supervisors')} <span className="muted">({supervisors.length})</span>
      </h3>
      {supervisors.length === 0 && <p className="muted">{t('fieldworkSetup.assignments.noSupervisors')}</p>}
      <div className="assign-list">
        {shownSupervisors.map((s) => {
          const entry = draft.supervisors[s.userId] ?? { enumeratorIds: [], unitIds: [] };
          const nothing = entry.enumeratorIds.length === 0 && unitCount(entry.unitIds) === 0;
          return (
            <details key={s.userId} className="assign card">
              <summary className="assign__summary">
                <span className="assign__name">
                  {s.displayName} <span className="muted small">({s.username})</span>
                </span>
                <span className="assign__meta">
                  {nothing ? (
                    <Badge tone="warning">{t('fieldworkSetup.assignments.nothingSupervised')}</Badge>
                  ) : (
                    <>
                      <Badge tone="info">{t('fieldworkSetup.assignments.enumeratorCount', { count: entry.enumeratorIds.length, n: format.integer(entry.enumeratorIds.length) })}</Badge>
                      <Badge tone="info">{t('fieldworkSetup.assignments.unitCount', { count: unitCount(entry.unitIds), n: format.integer(unitCount(entry.unitIds)) })}</Badge>
                    </>
                  )}
                </span>
              </summary>
              <div className="stack stack--tight">
                <IdChecklist
                  legend={t('fieldworkSetup.assignments.enumerators')}
                  items={enumeratorItems}
                  value={entry.enumeratorIds}
                  disabled={readOnly}
                  onChange={(ids) => setSupervisor(s.userId, { enumeratorIds: ids })}
                  empty={t('fieldworkSetup.assignments.noEnumerators')}
                />
                <IdChecklist
                  legend={t('fieldworkSetup.assignments.units')}
                  items={unitItems}
                  value={entry.unitIds}
                  disabled={readOnly}
                  onChange={(ids) => setSupervisor(s.userId, { unitIds: ids })}
                  empty={t('campaigns.noUnits')}
                />
              </div>
            </details>
          );
        })}
      </div>
      <p className="muted small">{t('fieldworkSetup.assignments.supervisorHint')}</p>

      <SaveActions
        save={save}
        dirty={dirty}
        readOnly={readOnly}
        label={t('fieldworkSetup.assignments.save')}
        savedMessage={t('fieldworkSetup.assignments.saved')}
        onSave={onSave}
        onDiscard={discard}
        sticky="dirty"
        unsavedNote={t('fieldworkSetup.unsaved')}
      />
    </div>
  );
}
