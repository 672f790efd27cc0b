import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCriteriaSet } from '../../../shared/api/useCriteriaSet';
import { Button, ButtonLink } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { useDeleteCriteriaSet } from '../api/useDeleteCriteriaSet';
import { CriteriaTreeTable } from './CriteriaTreeTable';
import { SourceTotals } from './SourceTotals';

/** /criteria/:code — one criteria set: its version, the campaigns using it, its tree with rules and evidence requirements. */
export function CriteriaSetPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const set = useCriteriaSet(code);
  const canEdit = useCanEdit();
  const remove = useDeleteCriteriaSet();

  const onDelete = (name: string) => {
    if (!window.confirm(t('criteriaSets.deleteConfirm', { name }))) return;
    remove.mutate(code, { onSuccess: () => navigate('/criteria') });
  };

  return (
    <QueryState query={set}>
      {(s) => {
        const used = s.usedBy ?? [];
        return (
          <div className="stack">
            <PageHeader
              back={{ to: '/criteria', label: t('criteria.title') }}
              title={s.name}
              subtitle={`${s.code} · ${t('criteria.fields.year')} ${s.year}${s.family ? ` · ${s.family} v${s.version ?? 1}` : ''}${s.unitKind ? ` · ${t(`criteriaSets.kinds.${s.unitKind}`)}` : ''}`}
              actions={
                <>
                  <ButtonLink to={`/criteria/compare?from=${encodeURIComponent(s.code)}`}>{t('criteriaSets.compare.with')}</ButtonLink>
                  {canEdit && used.length === 0 && (
                    <Button variant="danger" busy={remove.isPending} onClick={() => onDelete(s.name)}>
                      {t('criteriaSets.delete')}
                    </Button>
                  )}
                </>
              }
            />
            {s.description && <p className="muted">{s.description}</p>}
            {used.length > 0 ? (
              <Notice tone="info" title={t('criteriaSets.immutableTitle')}>
                {t('criteriaSets.immutable')}{' '}
                {used.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 && ', '}
                    <Link to={`/campaigns/${c.id}`}>{`${c.name} (${c.year})`}</Link>
                  </span>
                ))}
              </Notice>
            ) : (
              canEdit && <p className="small muted">{t('criteriaSets.mutable')}</p>
            )}
            {remove.error && <ErrorNotice error={remove.error} />}
            <SourceTotals criteria={s.criteria} />
            <CriteriaTreeTable criteria={s.criteria} />
          </div>
        );
      }}
    </QueryState>
  );
}
