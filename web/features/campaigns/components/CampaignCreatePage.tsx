import { zodResolver } from '@hookform/resolvers/zod';
import type { ChangeEvent } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useBandSets } from '../../../shared/api/useBandSets';
import { useCriteriaSets } from '../../../shared/api/useCriteriaSets';
import { useUnits } from '../../../shared/api/useUnits';
import { Button, ButtonLink } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, Select, TextInput } from '../../../shared/components/Field';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormat } from '../../../shared/format/useFormat';
import { useCampaigns } from '../api/useCampaigns';
import { useCreateCampaign } from '../api/useCreateCampaign';
import { campaignSchema, type CampaignFormValues } from './campaignSchema';
import { UnitChecklist } from './UnitChecklist';

/** /campaigns/new — name, year, criteria set, band set, units, previous campaign. */
export function CampaignCreatePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const units = useUnits();
  const criteriaSets = useCriteriaSets();
  const bandSets = useBandSets();
  const campaigns = useCampaigns();
  const create = useCreateCampaign();

  const {
    register,
    control,
    handleSubmit,
    setValue,
    formState: { errors },
  } = useForm<CampaignFormValues>({
    resolver: zodResolver(campaignSchema),
    defaultValues: { name: '', year: new Date().getFullYear(), criteriaSetCode: '', bandSetCode: '', unitIds: [], previousCampaignId: '' },
  });

  const message = (key: string | undefined) => (key ? t(key) : undefined);

  const onSubmit = handleSubmit((values) =>
    create.mutate(
      { ...values, name: values.name.trim(), previousCampaignId: values.previousCampaignId || null },
      { onSuccess: (campaign) => navigate(`/campaigns/${campaign.id}`) },
    ),
  );

  return (
    <div className="stack">
      <PageHeader title={t('campaigns.createTitle')} back={{ to: '/campaigns', label: t('campaigns.listTitle') }} />
      <form className="stack form" onSubmit={onSubmit} noValidate>
        <Field label={t('campaigns.fields.name')} htmlFor="campaign-name" error={message(errors.name?.message)}>
          <TextInput id="campaign-name" placeholder={t('campaigns.form.namePlaceholder')} {...register('name')} />
        </Field>
        <Field label={t('campaigns.fields.year')} htmlFor="campaign-year" error={message(errors.year?.message)}>
          <TextInput id="campaign-year" type="number" inputMode="numeric" min={2000} max={2100} {...register('year', { valueAsNumber: true })} />
        </Field>
        <Field label={t('campaigns.fields.criteriaSet')} htmlFor="campaign-criteria" error={message(errors.criteriaSetCode?.message ?? (criteriaSets.error ? 'errors.loadFailed' : undefined))}>
          <Select
            id="campaign-criteria"
            {...register('criteriaSetCode', {
              onChange: (event: ChangeEvent<HTMLSelectElement>) => {
                // the set's year is the campaign's natural year; it stays editable
                const set = criteriaSets.data?.find((s) => s.code === event.target.value);
                if (set) setValue('year', set.year, { shouldValidate: true });
              },
            })}
          >
            <option value="">{t('common.choose')}</option>
            {criteriaSets.data?.map((set) => (
              <option key={set.code} value={set.code}>
                {set.name} ({set.year}, {format.number(set.maxPoints)} {t('common.points')})
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('campaigns.fields.bandSet')} htmlFor="campaign-bands" error={message(errors.bandSetCode?.message ?? (bandSets.error ? 'errors.loadFailed' : undefined))}>
          <Select id="campaign-bands" {...register('bandSetCode')}>
            <option value="">{t('common.choose')}</option>
            {bandSets.data?.map((set) => (
              <option key={set.code} value={set.code}>
                {format.text(set.name)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('campaigns.fields.previousCampaign')} htmlFor="campaign-previous" hint={t('campaigns.form.previousHint')}>
          <Select id="campaign-previous" {...register('previousCampaignId')}>
            <option value="">{t('campaigns.form.noPrevious')}</option>
            {campaigns.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.year})
              </option>
            ))}
          </Select>
        </Field>
        <fieldset className="fieldset">
          <legend className="field__label">{t('campaigns.fields.units')}</legend>
          {errors.unitIds?.message && (
            <div className="field__error" role="alert">
              {t(errors.unitIds.message)}
            </div>
          )}
          <QueryState query={units}>
            {(list) => (
              <Controller
                control={control}
                name="unitIds"
                render={({ field }) => <UnitChecklist units={list} value={field.value} onChange={field.onChange} invalid={Boolean(errors.unitIds)} />}
              />
            )}
          </QueryState>
        </fieldset>
        {create.error && <ErrorNotice error={create.error} />}
        <div className="actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('campaigns.create')}
          </Button>
          <ButtonLink to="/campaigns" variant="ghost">
            {t('common.cancel')}
          </ButtonLink>
        </div>
      </form>
    </div>
  );
}
