import { useRef, useState, type ChangeEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UnitKindCode } from '../../../shared/api/types';
import { isApiError } from '../../../shared/api/apiError';
import { useCriteriaSets } from '../../../shared/api/useCriteriaSets';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, Select, TextArea, TextInput } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useFormat } from '../../../shared/format/useFormat';
import { downloadText } from '../../../shared/download';
import type { CriteriaImportRequest, CriteriaProblem } from '../api/types';
import { useCommitCriteriaImport } from '../api/useCommitCriteriaImport';
import { usePreviewCriteriaImport } from '../api/usePreviewCriteriaImport';
import { CriteriaTreeTable } from './CriteriaTreeTable';
import { ProblemsTable } from './ProblemsTable';
import { readCriteriaFile, TEMPLATE_CSV } from './readCriteriaFile';

const KINDS: UnitKindCode[] = ['department', 'commune', 'district', 'province'];
const FAMILY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type FileBody = { text: string } | { xlsxBase64: string };

/**
 * /criteria/import — choose a CSV or XLSX criteria file, name its family, check it (every problem with its row and
 * column), then store it as a new version (or replace an unused set).
 */
export function CriteriaImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const sets = useCriteriaSets().data ?? [];
  const preview = usePreviewCriteriaImport();
  const commit = useCommitCriteriaImport();
  const fileInput = useRef<HTMLInputElement>(null);

  const [file, setFile] = useState<{ name: string; body: FileBody } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [family, setFamily] = useState('');
  const [name, setName] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [unitKind, setUnitKind] = useState<UnitKindCode | ''>('');
  const [description, setDescription] = useState('');
  const [replace, setReplace] = useState('');

  const reset = () => {
    preview.reset();
    commit.reset();
  };
  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    reset();
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    reset();
    try {
      setFile({ name: chosen.name, body: await readCriteriaFile(chosen) });
      setReadError(null);
    } catch {
      setReadError(t('import.fileReadError', { name: chosen.name }));
    }
  };

  const downloadTemplate = () => downloadText(`\uFEFF${TEMPLATE_CSV}\n`, 'bo-tieu-chi-mau.csv');

  const familyFromReplace = sets.find((s) => s.code === replace)?.family;
  const effectiveFamily = replace ? (familyFromReplace ?? replace) : family.trim();
  const yearNumber = Number(year);
  const metaOk = file !== null && FAMILY.test(effectiveFamily) && name.trim() !== '' && Number.isInteger(yearNumber) && yearNumber >= 2000 && yearNumber <= 2100;
  const request = (): CriteriaImportRequest => ({
    ...(file?.body ?? { text: '' }),
    fileName: file?.name,
    family: effectiveFamily,
    name: name.trim(),
    year: yearNumber,
    unitKind: unitKind === '' ? null : unitKind,
    description: description.trim() === '' ? null : description.trim(),
    replace: replace === '' ? null : replace,
  });
  const result = preview.data;
  const refused: CriteriaProblem[] | null =
    isApiError(commit.error, 422) && Array.isArray((commit.error.details as { problems?: unknown })?.problems)
      ? ((commit.error.details as { problems: CriteriaProblem[] }).problems)
      : null;

  const save = () =>
    commit.mutate(request(), { onSuccess: (stored) => navigate(`/criteria/${encodeURIComponent(stored.target.code)}`) });

  const unused = sets.filter((s) => (s.usedBy?.length ?? 0) === 0);

  return (
    <div className="stack">
      <PageHeader back={{ to: '/criteria', label: t('criteria.title') }} title={t('criteriaSets.import.title')} subtitle={t('criteriaSets.import.subtitle')} />

      <section className="card stack">
        <div className="actions">
          <input ref={fileInput} type="file" hidden aria-label={t('criteriaSets.import.file')} accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={onFile} />
          <Button variant="primary" onClick={() => fileInput.current?.click()} disabled={commit.isPending}>
            {t('criteriaSets.import.chooseFile')}
          </Button>
          <Button variant="ghost" onClick={downloadTemplate}>
            {t('criteriaSets.import.template')}
          </Button>
          {file && <span className="small">{t('import.fromFile', { name: file.name })}</span>}
        </div>
        <p className="small muted">{t('criteriaSets.import.formatHint')}</p>
        {readError && <Notice tone="error">{readError}</Notice>}

        <div className="grid grid--2">
          <Field label={t('criteriaSets.fields.replace')} htmlFor="ci-replace" hint={t('criteriaSets.import.replaceHint')}>
            <Select id="ci-replace" value={replace} onChange={(e) => change(setReplace)(e.target.value)}>
              <option value="">{t('criteriaSets.import.newVersion')}</option>
              {unused.map((s) => (
                <option key={s.code} value={s.code}>{`${s.code} — ${s.name}`}</option>
              ))}
            </Select>
          </Field>
          <Field
            label={t('criteriaSets.fields.family')}
            htmlFor="ci-family"
            hint={t('criteriaSets.import.familyHint')}
            error={!replace && family !== '' && !FAMILY.test(family.trim()) ? t('criteriaSets.import.familyInvalid') : undefined}
          >
            <TextInput id="ci-family" value={replace ? effectiveFamily : family} disabled={replace !== ''} list="ci-families" onChange={(e) => change(setFamily)(e.target.value)} />
            <datalist id="ci-families">
              {[...new Set(sets.map((s) => s.family).filter(Boolean))].map((f) => (
                <option key={f} value={f} />
              ))}
            </datalist>
          </Field>
          <Field label={t('criteria.fields.name')} htmlFor="ci-name">
            <TextInput id="ci-name" value={name} onChange={(e) => change(setName)(e.target.value)} />
          </Field>
          <Field label={t('criteria.fields.year')} htmlFor="ci-year">
            <TextInput id="ci-year" inputMode="numeric" value={year} onChange={(e) => change(setYear)(e.target.value)} />
          </Field>
          <Field label={t('criteriaSets.fields.unitKind')} htmlFor="ci-kind">
            <Select id="ci-kind" value={unitKind} onChange={(e) => change(setUnitKind)(e.target.value as UnitKindCode | '')}>
              <option value="">{t('criteriaSets.kinds.any')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>{t(`criteriaSets.kinds.${k}`)}</option>
              ))}
            </Select>
          </Field>
          <Field label={t('criteriaSets.fields.description')} htmlFor="ci-description">
            <TextArea id="ci-description" rows={2} value={description} onChange={(e) => change(setDescription)(e.target.value)} />
          </Field>
        </div>

        <div className="actions">
          <Button variant="primary" busy={preview.isPending} disabled={!metaOk || commit.isPending} onClick={() => preview.mutate(request())}>
            {t('import.check')}
          </Button>
        </div>
      </section>

      {preview.error && <ErrorNotice error={preview.error} title={t('import.previewFailed')} />}

      {result && (
        <>
          <Notice tone={result.problems.length > 0 ? 'error' : 'success'} title={result.problems.length > 0 ? t('criteriaSets.import.hasProblems', { count: result.problems.length }) : t('criteriaSets.import.ok')}>
            {result.target.replaces
              ? t('criteriaSets.import.willReplace', { code: result.target.code })
              : t('criteriaSets.import.willCreate', { code: result.target.code, version: result.target.version })}{' '}
            {t('criteriaSets.import.totals', { leaves: format.integer(result.totals.leafCount), points: format.number(result.totals.maxPoints) })}
            {result.ignored.length > 0 && <> {t('criteriaSets.import.ignored', { columns: result.ignored.join(', ') })}</>}
          </Notice>
          {result.problems.length > 0 && <ProblemsTable problems={result.problems} />}
          {refused && <ProblemsTable problems={refused} />}
          {commit.error && <ErrorNotice error={commit.error} title={t('import.commitFailed')} />}
          <div className="actions actions--sticky">
            <Button variant="primary" busy={commit.isPending} disabled={result.problems.length > 0} onClick={save}>
              {t('import.commit')}
            </Button>
            <Button variant="ghost" onClick={reset} disabled={commit.isPending}>
              {t('import.cancel')}
            </Button>
          </div>
          {result.criteria.length > 0 && <CriteriaTreeTable criteria={result.criteria} />}
        </>
      )}
    </div>
  );
}
