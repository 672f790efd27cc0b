import { useTranslation } from 'react-i18next';
import type { FormDetail } from '../../../shared/api/types';
import { useFormat } from '../../../shared/format/useFormat';

/** How the form was collected: times, duration, device, app version, GPS. */
export function ParadataView({ form }: { form: FormDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const p = form.paradata ?? {};
  const gps = p.gps ?? null;
  const dash = <span className="muted">—</span>;

  return (
    <dl className="facts">
      <dt>{t('review.paradata.mode')}</dt>
      <dd>
        {t(`fieldwork.mode.${form.mode}`)}
        {form.paperSerial && <> · {t('review.paperSerial', { serial: form.paperSerial })}</>}
      </dd>
      <dt>{t('review.paradata.startedAt')}</dt>
      <dd className="num">{p.startedAt ? format.dateTime(p.startedAt) : dash}</dd>
      <dt>{t('review.paradata.finishedAt')}</dt>
      <dd className="num">{p.finishedAt ? format.dateTime(p.finishedAt) : dash}</dd>
      <dt>{t('review.paradata.duration')}</dt>
      <dd className="num">{format.duration(form.durationSeconds)}</dd>
      <dt>{t('review.paradata.receivedAt')}</dt>
      <dd className="num">{format.dateTime(form.receivedAt)}</dd>
      <dt>{t('review.paradata.gps')}</dt>
      <dd>
        {gps ? (
          <>
            <span className="num">
              {format.number(gps.lat, 5)}, {format.number(gps.lon, 5)}
            </span>
            {gps.accuracy != null && <span className="muted"> · ±{format.integer(gps.accuracy)} m</span>}{' '}
            <a href={`https://www.openstreetmap.org/?mlat=${gps.lat}&mlon=${gps.lon}#map=15/${gps.lat}/${gps.lon}`} target="_blank" rel="noreferrer noopener">
              {t('review.paradata.map')}
            </a>
          </>
        ) : p.gpsConsent === false ? (
          <span className="muted">{t('review.paradata.noConsent')}</span>
        ) : (
          <span className="muted">{t('review.paradata.noGps')}</span>
        )}
      </dd>
      <dt>{t('review.paradata.device')}</dt>
      <dd className="code code--wrap">{p.deviceId || '—'}</dd>
      <dt>{t('review.paradata.appVersion')}</dt>
      <dd className="code">{p.appVersion || '—'}</dd>
      <dt>{t('review.paradata.clientUuid')}</dt>
      <dd className="code code--wrap small">{form.clientUuid}</dd>
    </dl>
  );
}
