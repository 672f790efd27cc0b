import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/api/types';
import { useCampaignUnits } from '../../../shared/api/useCampaignUnits';
import { Button } from '../../../shared/components/Button';
import { CampaignPageHeader } from '../../../shared/components/CampaignPageHeader';
import { CsvImportPanel } from '../../../shared/components/CsvImportPanel';
import { Select, TextInput } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { QueryState } from '../../../shared/components/QueryState';
import { SaveActions } from '../../../shared/components/SaveActions';
import { Table } from '../../../shared/components/Table';
import { toCsv } from '../../../shared/csv';
import { downloadText } from '../../../shared/download';
import { useFormat } from '../../../shared/format/useFormat';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import {
  populationLevels,
  useCommitPopulation,
  usePopulation,
  usePreviewPopulation,
  useSavePopulation,
  type PopulationGovLevel,
  type PopulationLevel,
  type PopulationPreview,
  type PopulationRow,
} from '../api/population';
import { MicrodataDownloads } from './MicrodataDownloads';

/** /campaigns/:campaignId/survey-data — population sizes for design weights, and anonymised microdata downloads. */
export function SurveyDataPage() {
  const { campaignId = '' } = useParams();
  const { t } = useTranslation();
  const units = useCampaignUnits(campaignId);
  const population = usePopulation(campaignId);
  const canEdit = useCanEdit();
  return (
    <div className="stack">
      <CampaignPageHeader campaignId={campaignId} campaign={units.campaign} title={t('surveyData.title')} />
      <p className="muted">{t('surveyData.intro')}</p>
      <section className="card stack" aria-labelledby="survey-data-population">
        <h2 id="survey-data-population">{t('surveyData.population.title')}</h2>
        <p className="muted small">{t('surveyData.population.hint')}</p>
        <QueryState query={units}>
          {(campaignUnits) => (
            <QueryState query={population}>
              {({ rows, levels }) => <PopulationEditor key={JSON.stringify(rows)} campaignId={campaignId} units={campaignUnits} saved={rows} levels={levels} readOnly={!canEdit} />}
            </QueryState>
          )}
        </QueryState>
      </section>
      {canEdit && (
        <section className="card stack" aria-labelledby="survey-data-import">
          <h2 id="survey-data-import">{t('surveyData.import.title')}</h2>
          <QueryState query={units}>{(campaignUnits) => <PopulationImport campaignId={campaignId} units={campaignUnits} />}</QueryState>
        </section>
      )}
      <MicrodataDownloads campaignId={campaignId} canDownload={canEdit} />
    </div>
  );
}

interface DraftRow {
  unitId: string;
  level: PopulationLevel;
  population: string;
}

const toDraft = (rows: readonly PopulationRow[]): DraftRow[] => rows.map((r) => ({ unitId: r.unitId, level: r.level, population: String(r.population) }));

interface PopulationEditorProps {
  campaignId: string;
  units: readonly Unit[];
  saved: readonly PopulationRow[];
  /** the campaign's levels of government, from its questionnaire (a two-level campaign: province and commune) */
  levels: readonly PopulationGovLevel[];
  readOnly: boolean;
}

function PopulationEditor({ campaignId, units, saved, levels, readOnly }: PopulationEditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const levelLabel = (level: string) => {
    const found = levels.find((l) => l.value === level);
    return found ? format.text(found.label) : t(`surveyData.levels.${level}`, { defaultValue: level });
  };
  const save = useSavePopulation(campaignId);
  const [draft, setDraft] = useState<DraftRow[]>(() => toDraft(saved));
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(saved));
  const unitName = (id: string) => {
    const u = units.find((x) => x.id === id);
    return u ? `${u.code} — ${u.name}` : id;
  };
  const valid = draft.every((r) => /^\d+$/.test(r.population) && Number(r.population) > 0);
  const duplicate = new Set(draft.map((r) => `${r.unitId}/${r.level}`)).size !== draft.length;
  const update = (i: number, patch: Partial<DraftRow>) => setDraft((d) => d.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  if (readOnly) {
    return (
      <Table
        columns={[
          { key: 'unit', header: t('surveyData.population.unit'), render: (r: PopulationRow) => `${r.unitCode} — ${r.unitName}`, primary: true },
          { key: 'level', header: t('surveyData.population.level'), render: (r: PopulationRow) => levelLabel(r.level) },
          { key: 'population', header: t('surveyData.population.population'), render: (r: PopulationRow) => format.integer(r.population), align: 'end' },
        ]}
        rows={saved}
        rowKey={(r) => `${r.unitId}/${r.level}`}
        empty={t('surveyData.population.empty')}
      />
    );
  }

  return (
    <div className="stack">
      {draft.length === 0 ? (
        <p className="muted">{t('surveyData.population.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('surveyData.population.unit')}</th>
                <th scope="col">{t('surveyData.population.level')}</th>
                <th scope="col" className="align-end">{t('surveyData.population.population')}</th>
                <th scope="col"><span className="visually-hidden">{t('surveyData.population.remove')}</span></th>
              </tr>
            </thead>
            <tbody>
              {draft.map((r, i) => (
                <tr key={i}>
                  <td>
                    <Select aria-label={t('surveyData.population.unit')} value={r.unitId} onChange={(e) => update(i, { unitId: e.target.value })}>
                      {units.map((u) => (
                        <option key={u.id} value={u.id}>{unitName(u.id)}</option>
                      ))}
                    </Select>
                  </td>
                  <td>
                    <Select aria-label={t('surveyData.population.level')} value={r.level} onChange={(e) => update(i, { level: e.target.value as PopulationLevel })}>
                      {populationLevels(levels).map((l) => (
                        <option key={l} value={l}>{levelLabel(l)}</option>
                      ))}
                    </Select>
                  </td>
                  <td className="align-end">
                    <TextInput
                      aria-label={t('surveyData.population.population')}
                      inputMode="numeric"
                      value={r.population}
                      aria-invalid={!/^\d+$/.test(r.population) || Number(r.population) <= 0}
                      onChange={(e) => update(i, { population: e.target.value.replace(/[^\d]/g, '') })}
                    />
                  </td>
                  <td>
                    <Button small variant="ghost" onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}>
                      {t('surveyData.population.remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <Button small disabled={units.length === 0} onClick={() => setDraft((d) => [...d, { unitId: units[0]!.id, level: 'all', population: '' }])}>
          {t('surveyData.population.add')}
        </Button>
      </div>
      {!valid && <Notice tone="warning">{t('surveyData.population.invalid')}</Notice>}
      {duplicate && <Notice tone="warning">{t('surveyData.population.duplicate')}</Notice>}
      <SaveActions
        save={save}
        dirty={dirty && valid && !duplicate}
        readOnly={false}
        label={t('surveyData.population.save')}
        savedMessage={t('surveyData.population.saved')}
        onSave={() => save.mutate(draft.map((r) => ({ unitId: r.unitId, level: r.level, population: Number(r.population) })))}
        onDiscard={() => setDraft(toDraft(saved))}
      />
    </div>
  );
}

function PopulationImport({ campaignId, units }: { campaignId: string; units: readonly Unit[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const preview = usePreviewPopulation(campaignId);
  const commit = useCommitPopulation(campaignId);
  const [stored, setStored] = useState<number | null>(null);

  const downloadTemplate = () => {
    // the server reads both the English and the Vietnamese column names
    const header = i18n.language.startsWith('en') ? ['unit', 'level', 'population'] : ['đơn vị', 'cấp', 'dân số'];
    downloadText(toCsv([header, ...units.map((u) => [u.code, 'all', ''])]), 'mau-dan-so.csv');
  };

  return (
    <CsvImportPanel<PopulationPreview, { rows: PopulationRow[] }>
      textKeys="surveyData.import"
      inputId="population-csv"
      labelFileInput
      preview={preview}
      commit={commit}
      onDownloadTemplate={downloadTemplate}
      onCheck={() => setStored(null)}
      onCommitted={(result) => setStored(result.rows.length)}
      notice={stored !== null && <Notice tone="success">{t('surveyData.import.stored', { count: stored })}</Notice>}
      ready={({ rows }) => t('surveyData.import.readyToCommit', { count: rows.length })}
      rowsTable={({ rows }) => (
        <Table
          columns={[
            { key: 'row', header: t('surveyData.import.row'), render: (r: PopulationPreview['rows'][number]) => r.row },
            { key: 'unit', header: t('surveyData.population.unit'), render: (r: PopulationPreview['rows'][number]) => r.unitCode, primary: true },
            { key: 'level', header: t('surveyData.population.level'), render: (r: PopulationPreview['rows'][number]) => t(`surveyData.levels.${r.level}`) },
            { key: 'population', header: t('surveyData.population.population'), render: (r: PopulationPreview['rows'][number]) => format.integer(r.population), align: 'end' },
          ]}
          rows={rows}
          rowKey={(r) => String(r.row)}
        />
      )}
    />
  );
}
