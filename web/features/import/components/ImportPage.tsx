import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, ImportRequest } from '../../../shared/api/types';
import { useCampaign } from '../../../shared/api/useCampaign';
import { useUnits } from '../../../shared/api/useUnits';
import { useFormat } from '../../../shared/format/useFormat';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { FileTextInput, type ChosenXlsx } from '../../../shared/components/FileTextInput';
import { Notice } from '../../../shared/components/Notice';
import { PageHeader } from '../../../shared/components/PageHeader';
import type { ImportedState } from '../../../shared/navigationState';
import { useCommitImport } from '../api/useCommitImport';
import { usePreviewImport } from '../api/usePreviewImport';
import { FindingsTable } from './FindingsTable';
import { ImportTotals } from './ImportTotals';
import { OverrideChoices } from './OverrideChoices';
import { RoundingChoices } from './RoundingChoices';
import { DETECTED, roundingRequest, type RoundingChoice } from './roundingChoice';

const sameSet = (a: ReadonlySet<string>, b: readonly string[]) => a.size === b.length && b.every((code) => a.has(code));

/**
 * /campaigns/:campaignId/units/:unitId/import — paste or choose an appendix table (.tsv / .csv / .txt in UTF-8, or
 * an .xlsx such as the report's own appendix.xlsx, told by its content and read on the server), check it (preview), decide which published scores to keep, then store it (commit) or cancel.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { campaignId = '', unitId = '' } = useParams();
  const campaign = useCampaign(campaignId).data;
  const unit = useUnits().data?.find((u) => u.id === unitId);
  const preview = usePreviewImport(campaignId, unitId);
  const commit = useCommitImport(campaignId, unitId);

  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [xlsx, setXlsx] = useState<ChosenXlsx | null>(null);
  const format = useFormat();
  const [keepStated, setKeepStated] = useState<Set<string>>(new Set());
  // the rounding being chosen, and the one the preview on screen was made with (the commit uses that one)
  const [rounding, setRounding] = useState<RoundingChoice>(DETECTED);
  const [appliedRounding, setAppliedRounding] = useState<{ choice: RoundingChoice; entries: ImportRequest['rounding'] }>({ choice: DETECTED, entries: undefined });
  const result: ImportPreview | undefined = preview.data;

  const resetRounding = () => {
    setRounding(DETECTED);
    setAppliedRounding({ choice: DETECTED, entries: undefined });
  };

  // a changed table must be checked again before it can be stored
  const onTextChange = (nextText: string, nextFileName: string | null) => {
    setText(nextText);
    setFileName(nextFileName);
    setXlsx(null);
    if (preview.data || preview.error) preview.reset();
    commit.reset();
    resetRounding();
  };

  const onXlsx = (chosen: ChosenXlsx) => {
    setText('');
    setFileName(null);
    setXlsx(chosen);
    if (preview.data || preview.error) preview.reset();
    commit.reset();
    resetRounding();
  };

  const request = (): ImportRequest =>
    xlsx ? { xlsxBase64: xlsx.base64, fileName: xlsx.fileName } : { text, ...(fileName ? { fileName } : {}) };
  const hasTable = xlsx !== null || text.trim() !== '';

  const check = (choice: RoundingChoice = rounding) => {
    const entries = roundingRequest(choice, result?.rounding);
    preview.mutate(entries ? { ...request(), rounding: entries } : request(), {
      onSuccess: (answer) => {
        setKeepStated(new Set(answer.chosen));
        setAppliedRounding({ choice, entries });
      },
    });
  };

  const save = () =>
    commit.mutate(
      { ...request(), keepStated: [...keepStated], ...(appliedRounding.entries ? { rounding: appliedRounding.entries } : {}) },
      {
        onSuccess: (stored) =>
          navigate(`/campaigns/${campaignId}/units/${unitId}/scores`, { state: { imported: stored } satisfies ImportedState }),
      },
    );

  const cancel = () => {
    setText('');
    setFileName(null);
    setXlsx(null);
    setKeepStated(new Set());
    resetRounding();
    preview.reset();
    commit.reset();
  };

  const errorCount = result?.findings.filter((f) => f.severity === 'error').length ?? 0;

  return (
    <div className="stack">
      <PageHeader
        back={{ to: `/campaigns/${campaignId}`, label: campaign?.name ?? t('campaigns.listTitle') }}
        title={t('import.title')}
        subtitle={unit ? `${unit.code} — ${unit.name}${campaign ? ` · ${campaign.name}` : ''}` : undefined}
      />

      <FileTextInput
        id="import-text"
        text={text}
        fileName={fileName}
        onChange={onTextChange}
        disabled={commit.isPending}
        accept=".tsv,.csv,.txt,.xlsx,text/plain,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onXlsx={onXlsx}
        rows={10}
        labels={{
          label: t('import.pasteLabel'),
          hint: t('import.pasteHint'),
          placeholder: t('import.pastePlaceholder'),
          chooseFile: t('import.chooseFile'),
          fromFile: (name) => t('import.fromFile', { name }),
          readError: (name) => t('import.fileReadError', { name }),
          notText: (name, reason) => t(`import.notText.${reason}`, { name }),
        }}
      />
      {xlsx && (
        <Notice tone="info">
          {t('import.xlsxChosen', { name: xlsx.fileName, size: format.integer(Math.max(1, Math.round(xlsx.bytes / 1024))) })}
        </Notice>
      )}

      <div className="actions">
        <Button variant="primary" busy={preview.isPending} disabled={!hasTable || commit.isPending} onClick={() => check()}>
          {t('import.check')}
        </Button>
        {(text !== '' || xlsx) && !result && (
          <Button variant="ghost" onClick={cancel} disabled={commit.isPending}>
            {t('import.cancel')}
          </Button>
        )}
      </div>

      {preview.error && <ErrorNotice error={preview.error} title={t('import.previewFailed')} />}

      {result && (
        <>
          <ImportTotals preview={result} selectionChanged={!sameSet(keepStated, result.chosen)} />
          <RoundingChoices
            rounding={result.rounding}
            value={rounding}
            applied={appliedRounding.choice}
            onChange={setRounding}
            onApply={() => check(rounding)}
            busy={preview.isPending}
          />
          <OverrideChoices candidates={result.candidates} suggested={result.chosen} value={keepStated} onChange={setKeepStated} />
          <FindingsTable findings={result.findings} />
          {result.blockingCount > 0 && <Notice tone="error">{t('import.hasBlocking', { count: result.blockingCount })}</Notice>}
          {result.blockingCount === 0 && errorCount > 0 && <Notice tone="warning">{t('import.hasErrors', { count: errorCount })}</Notice>}
          {commit.error && <ErrorNotice error={commit.error} title={t('import.commitFailed')} />}
          <div className="actions actions--sticky">
            <Button variant="primary" busy={commit.isPending} disabled={result.blockingCount > 0} onClick={save}>
              {t('import.commit')}
            </Button>
            <Button variant="ghost" onClick={cancel} disabled={commit.isPending}>
              {t('import.cancel')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
