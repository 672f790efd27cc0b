import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEADERSHIP_GROUPS, RESPONDENT_STATUSES, type Respondent, type RespondentFilters, type RespondentStatus, type Unit } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { Dialog } from '../../../shared/components/Dialog';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, Select } from '../../../shared/components/Field';
import { FormActions } from '../../../shared/components/FormActions';
import { Notice } from '../../../shared/components/Notice';
import { Spinner } from '../../../shared/components/Spinner';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useDeleteRespondent } from '../api/useDeleteRespondent';
import { useResendInvitation } from '../api/useResendInvitation';
import { useRespondents } from '../api/useRespondents';
import { EditRespondentDialog } from './EditRespondentDialog';
import { useRespondentGroupLabel } from '../../../shared/format/useRespondentGroupLabel';
import { RespondentStatusBadge } from './RespondentStatusBadge';

interface RespondentListProps {
  campaignId: string;
  units: readonly Unit[];
  canEdit: boolean;
  /** the survey is set up: invitations can be sent */
  canSend: boolean;
}

/** The respondents with filters (status, group, unit), their sending status, and edit / remove / resend. */
export function RespondentList({ campaignId, units, canEdit, canSend }: RespondentListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const groupLabel = useRespondentGroupLabel();
  const [filters, setFilters] = useState<RespondentFilters>({});
  const respondents = useRespondents(campaignId, filters);
  const remove = useDeleteRespondent(campaignId);
  const resend = useResendInvitation(campaignId);
  const [editing, setEditing] = useState<Respondent | null>(null);
  const [removing, setRemoving] = useState<Respondent | null>(null);
  const [resending, setResending] = useState<Respondent | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const set = (name: keyof RespondentFilters, value: string) => setFilters((f) => ({ ...f, [name]: value || undefined }));
  const filtered = Boolean(filters.status || filters.group || filters.unitId);

  const columns: Column<Respondent>[] = [
    {
      key: 'name',
      header: t('leadership.fields.name'),
      primary: true,
      render: (r) => (
        <span className="respondent-name">
          <strong>{r.name}</strong>
          <span className="muted small">{r.email}</span>
        </span>
      ),
    },
    { key: 'group', header: t('leadership.fields.group'), render: (r) => groupLabel(r.group) },
    { key: 'unit', header: t('leadership.fields.unit'), render: (r) => r.unitName ?? '—' },
    { key: 'status', header: t('leadership.fields.status'), wide: true, render: (r) => <RespondentStatusBadge respondent={r} /> },
    {
      key: 'invited',
      header: t('leadership.fields.invitedAt'),
      render: (r) => (r.invitedAt ? format.dateTime(r.invitedAt) : '—'),
    },
    { key: 'reminders', header: t('leadership.fields.remindersSent'), align: 'end', render: (r) => <span className="num">{format.integer(r.remindersSent)}</span> },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      wide: true,
      render: (r) => (
        <span className="actions actions--tight">
          <Button small onClick={() => setEditing(r)} aria-label={t('leadership.list.editNamed', { name: r.name })}>
            {t('common.edit')}
          </Button>
          {canSend && !r.responded && r.status !== 'new' && (
            <Button small onClick={() => setResending(r)} aria-label={t('leadership.list.resendNamed', { name: r.name })}>
              {t('leadership.list.resend')}
            </Button>
          )}
          <Button
            small
            variant="ghost"
            disabled={r.responded}
            title={r.responded ? t('leadership.list.cannotRemove') : undefined}
            onClick={() => setRemoving(r)}
            aria-label={t('leadership.list.removeNamed', { name: r.name })}
          >
            {t('leadership.list.remove')}
          </Button>
        </span>
      ),
    });
  }

  return (
    <div className="stack">
      <div className="filters" role="search" aria-label={t('leadership.list.filters')}>
        <Field label={t('leadership.fields.status')} htmlFor="respondent-filter-status">
          <Select id="respondent-filter-status" value={filters.status ?? ''} onChange={(e) => set('status', e.target.value as RespondentStatus | '')}>
            <option value="">{t('common.all')}</option>
            {RESPONDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`leadership.status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('leadership.fields.group')} htmlFor="respondent-filter-group">
          <Select id="respondent-filter-group" value={filters.group ?? ''} onChange={(e) => set('group', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {LEADERSHIP_GROUPS.map((g) => (
              <option key={g} value={g}>
                {groupLabel(g)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('leadership.fields.unit')} htmlFor="respondent-filter-unit">
          <Select id="respondent-filter-unit" value={filters.unitId ?? ''} onChange={(e) => set('unitId', e.target.value)}>
            <option value="">{t('common.all')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </Field>
        {filtered && (
          <div className="filters__clear">
            <Button small variant="ghost" onClick={() => setFilters({})}>
              {t('leadership.list.clearFilters')}
            </Button>
          </div>
        )}
      </div>

      {done && <Notice tone="success">{done}</Notice>}
      {remove.error && <ErrorNotice error={remove.error} />}
      {resend.error && <ErrorNotice error={resend.error} />}

      {respondents.data ? (
        <Table
          caption={
            <>
              {t('leadership.list.count', { count: respondents.data.length })} {respondents.isFetching && <span className="spinner spinner--inline spinner--small" aria-hidden="true" />}
            </>
          }
          columns={columns}
          rows={respondents.data}
          rowKey={(r) => r.id}
          rowClassName={(r) => (r.status === 'failed' ? 'row--error' : undefined)}
          compact
          empty={filtered ? t('leadership.list.noneFiltered') : t('leadership.list.none')}
        />
      ) : respondents.error ? (
        <ErrorNotice error={respondents.error} />
      ) : (
        <Spinner />
      )}

      {editing && <EditRespondentDialog campaignId={campaignId} respondent={editing} units={units} onClose={() => setEditing(null)} />}

      {removing && (
        <Dialog title={t('leadership.list.removeTitle')} onClose={() => setRemoving(null)}>
          <div className="stack">
            <p>{t('leadership.list.removeConfirm', { name: removing.name, email: removing.email })}</p>
            <FormActions
              label={t('leadership.list.remove')}
              variant="danger"
              busy={remove.isPending}
              onConfirm={() =>
                remove.mutate(removing.id, {
                  onSuccess: () => {
                    setDone(t('leadership.list.removed', { name: removing.name }));
                    setRemoving(null);
                  },
                  onError: () => setRemoving(null),
                })
              }
              onCancel={() => setRemoving(null)}
            />
          </div>
        </Dialog>
      )}

      {resending && (
        <Dialog title={t('leadership.list.resendTitle')} onClose={() => setResending(null)}>
          <div className="stack">
            <p>{t('leadership.list.resendConfirm', { name: resending.name, email: resending.email })}</p>
            <FormActions
              label={t('leadership.list.resend')}
              busy={resend.isPending}
              onConfirm={() =>
                resend.mutate(resending.id, {
                  onSuccess: () => {
                    setDone(t('leadership.list.resent', { name: resending.name }));
                    setResending(null);
                  },
                  onError: () => setResending(null),
                })
              }
              onCancel={() => setResending(null)}
            />
          </div>
        </Dialog>
      )}
    </div>
  );
}
