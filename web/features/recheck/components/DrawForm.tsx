import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, TextInput } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { useFormat } from '../../../shared/format/useFormat';
import { useDrawRechecks } from '../api/useDrawRechecks';
import { drawSchema, randomSeed, toDraw, type DrawValues } from './drawSchema';

/** Draws a re-check sample: a share of each enumerator's accepted forms, with a seed so the draw can be repeated. */
export function DrawForm({ campaignId, defaultPercent }: { campaignId: string; defaultPercent: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const draw = useDrawRechecks(campaignId);
  const percentText = format.lang.startsWith('en') ? String(defaultPercent) : String(defaultPercent).replace('.', ',');
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors },
  } = useForm<DrawValues>({ resolver: zodResolver(drawSchema), defaultValues: { percent: percentText, seed: String(randomSeed()) } });

  const onSubmit = handleSubmit((values) => draw.mutate(toDraw(values)));
  const result = draw.data && draw.variables ? { count: draw.data.drawn.length, seed: draw.variables.seed, percent: draw.variables.percent } : null;

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <p className="muted small">{t('recheck.draw.hint')}</p>
      <div className="grid grid--2">
        <Field label={t('recheck.draw.percent')} htmlFor="draw-percent" error={errors.percent?.message ? t(errors.percent.message) : undefined}>
          <TextInput id="draw-percent" inputMode="decimal" autoComplete="off" {...register('percent')} />
        </Field>
        <Field label={t('recheck.draw.seed')} htmlFor="draw-seed" error={errors.seed?.message ? t(errors.seed.message) : undefined} hint={t('recheck.draw.seedHint')}>
          <div className="inline-form">
            <TextInput id="draw-seed" inputMode="numeric" autoComplete="off" className="code" {...register('seed')} />
            <Button onClick={() => setValue('seed', String(randomSeed()), { shouldValidate: true })}>{t('recheck.draw.newSeed')}</Button>
          </div>
        </Field>
      </div>
      {draw.error && <ErrorNotice error={draw.error} />}
      {result &&
        (result.count > 0 ? (
          <Notice tone="success">
            {t('recheck.draw.drawn', { count: result.count, n: format.integer(result.count), seed: result.seed, percent: format.number(result.percent, result.percent % 1 === 0 ? 0 : 1) })}
          </Notice>
        ) : (
          <Notice tone="info">{t('recheck.draw.nothing')}</Notice>
        ))}
      <div className="actions">
        <Button type="submit" variant="primary" busy={draw.isPending}>
          {t('recheck.draw.submit')}
        </Button>
      </div>
    </form>
  );
}
