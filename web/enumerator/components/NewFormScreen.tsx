import { useMemo, useState, type FormEvent } from 'react';
import type { FormMode, SessionUser } from '../api';
import { db } from '../db';
import { questionnaireOf, startDraft } from '../forms';
import { useI18n } from '../i18n';
import { useLive } from '../live';
import { serialsOnDevice, serialTaken, type SerialPlace } from '../serials';
import { go } from '../navigation';

interface Props {
  user: SessionUser;
  /** preset choices (a replacement for a returned form): campaign, unit, serial */
  params: URLSearchParams;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Choose campaign, unit and mode (paper: serial required) and the GPS consent; then the form starts. */
export function NewFormScreen({ user, params }: Props) {
  const i18n = useI18n();
  const profile = useLive(() => db.profile.get('me'), []);
  const serials = useLive(serialsOnDevice, []);
  const assignments = profile?.me.assignments ?? [];
  const [campaignId, setCampaignId] = useState<string | null>(params.get('campaign'));
  const [unitId, setUnitId] = useState<string | null>(params.get('unit'));
  const [mode, setMode] = useState<FormMode | null>(params.get('serial') ? 'paper' : null);
  const [serial, setSerial] = useState(params.get('serial') ?? '');
  const [gps, setGps] = useState<boolean | null>(null);
  /** the enumerator confirmed that this paper form is keyed again on purpose (the same serial is already on the phone) */
  const [rekey, setRekey] = useState(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);

  const campaign = useMemo(() => {
    const chosen = assignments.find((a) => a.campaignId === campaignId);
    return chosen ?? (assignments.length === 1 ? assignments[0] : undefined);
  }, [assignments, campaignId]);
  const unit = campaign?.units.find((u) => u.unitId === unitId) ?? (campaign?.units.length === 1 ? campaign.units[0] : undefined);
  const questionnaire = campaign && questionnaireOf({ questionnaireId: campaign.questionnaireId, questionnaireVersion: campaign.questionnaireVersion });
  const serialMissing = mode === 'paper' && serial.trim() === '';
  const serialSeen = mode === 'paper' && campaign ? serialTaken(serials, campaign.campaignId, serial, profile?.me.returned ?? []) : null;
  const serialBlocked = serialSeen !== null && !rekey;
  const placeText = (place: SerialPlace, at: string) =>
    place === 'draft' ? i18n.t('serialInDraft') : place === 'outbox' ? i18n.t('serialInOutbox') : i18n.t('serialSent', { time: i18n.dateTime(at) });
  const unitName = (id: string) => campaign?.units.find((u) => u.unitId === id)?.name ?? id.slice(0, 8);
  const day = today();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!campaign || !unit || !mode || serialMissing || serialBlocked || gps === null || !questionnaire) return;
    setBusy(true);
    try {
      const clientUuid = await startDraft({
        user,
        campaignId: campaign.campaignId,
        unitId: unit.unitId,
        questionnaireId: campaign.questionnaireId,
        questionnaireVersion: campaign.questionnaireVersion,
        mode,
        paperSerial: mode === 'paper' ? serial.trim() : null,
        gpsConsent: gps,
      });
      go(`/form/${clientUuid}`, true);
    } finally {
      setBusy(false);
    }
  }

  if (profile && assignments.length === 0) {
    return (
      <div className="card stack">
        <h1>{i18n.t('newFormTitle')}</h1>
        <p>{i18n.t('noAssignments')}</p>
        <a className="btn" href="#/">
          {i18n.t('home')}
        </a>
      </div>
    );
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <h1>{i18n.t('newFormTitle')}</h1>

      {assignments.length > 1 && (
        <fieldset className="card choices">
          <legend>{i18n.t('chooseCampaign')}</legend>
          {assignments.map((a) => (
            <label key={a.campaignId} className={`choice ${campaign?.campaignId === a.campaignId ? 'choice-on' : ''}`}>
              <input type="radio" name="campaign" checked={campaign?.campaignId === a.campaignId} onChange={() => { setCampaignId(a.campaignId); setUnitId(null); }} />
              <span>
                {a.campaignName} ({a.year})
              </span>
            </label>
          ))}
          {tried && !campaign && <p className="error-text">{i18n.t('chooseRequired')}</p>}
        </fieldset>
      )}

      {campaign && (
        <>
          {campaign.startsOn && day < campaign.startsOn && <p className="notice notice-warn">{i18n.t('campaignNotStarted', { date: i18n.day(campaign.startsOn) })}</p>}
          {campaign.endsOn && day > campaign.endsOn && <p className="notice notice-warn">{i18n.t('campaignEnded', { date: i18n.day(campaign.endsOn) })}</p>}
          {!questionnaire && (
            <p className="notice notice-error" role="alert">
              {i18n.t('unknownQuestionnaire', { id: campaign.questionnaireId, version: String(campaign.questionnaireVersion) })}
            </p>
          )}
          <fieldset className="card choices">
            <legend>{i18n.t('chooseUnit')}</legend>
            {campaign.units.map((u) => (
              <label key={u.unitId} className={`choice ${unit?.unitId === u.unitId ? 'choice-on' : ''}`}>
                <input type="radio" name="unit" checked={unit?.unitId === u.unitId} onChange={() => setUnitId(u.unitId)} />
                <span>
                  {u.name} <span className="muted small">({u.code})</span>
                </span>
              </label>
            ))}
            {tried && !unit && <p className="error-text">{i18n.t('chooseRequired')}</p>}
          </fieldset>
        </>
      )}

      <fieldset className="card choices">
        <legend>{i18n.t('chooseMode')}</legend>
        {(['interview', 'paper'] as const).map((m) => (
          <label key={m} className={`choice ${mode === m ? 'choice-on' : ''}`}>
            <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} />
            <span>{i18n.t(m === 'interview' ? 'modeInterview' : 'modePaper')}</span>
          </label>
        ))}
        {tried && !mode && <p className="error-text">{i18n.t('chooseRequired')}</p>}
        {mode === 'paper' && (
          <label className="field">
            <span className="field-label">{i18n.t('paperSerial')} *</span>
            <input
              className="input"
              name="paperSerial"
              autoComplete="off"
              required
              aria-invalid={tried && serialMissing}
              value={serial}
              aria-describedby={serialSeen ? 'serial-seen' : undefined}
              onChange={(e) => {
                setSerial(e.target.value);
                setRekey(false);
              }}
            />
            <span className="muted small">{i18n.t('paperSerialHelp')}</span>
            {tried && serialMissing && <span className="error-text">{i18n.t('paperSerialRequired')}</span>}
          </label>
        )}
        {mode === 'paper' && serialSeen && (
          <div id="serial-seen" className="notice notice-warn stack-s" role="alert" data-testid="serial-seen">
            <span>
              {i18n.t('paperSerialSeen', { serial: serial.trim(), place: placeText(serialSeen.place, serialSeen.at), unit: unitName(serialSeen.unitId) })}
            </span>
            <label className="choice">
              <input type="checkbox" name="rekey" checked={rekey} onChange={(e) => setRekey(e.target.checked)} />
              <span>{i18n.t('paperSerialRekey')}</span>
            </label>
            {tried && serialBlocked && <span className="error-text">{i18n.t('paperSerialBlocked')}</span>}
          </div>
        )}
      </fieldset>

      <fieldset className="card choices">
        <legend>{i18n.t('gpsQuestion')}</legend>
        <p className="muted small">{i18n.t('gpsHelp')}</p>
        {([true, false] as const).map((v) => (
          <label key={String(v)} className={`choice ${gps === v ? 'choice-on' : ''}`}>
            <input type="radio" name="gps" checked={gps === v} onChange={() => setGps(v)} />
            <span>{i18n.t(v ? 'gpsYes' : 'gpsNo')}</span>
          </label>
        ))}
        {tried && gps === null && <p className="error-text">{i18n.t('gpsChoose')}</p>}
      </fieldset>

      <div className="actions">
        <a className="btn btn-big" href="#/">
          {i18n.t('back')}
        </a>
        <button type="submit" className="btn btn-primary btn-big" disabled={busy || !questionnaire}>
          {i18n.t('startForm')}
        </button>
      </div>
    </form>
  );
}
