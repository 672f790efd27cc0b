import { useEffect, useMemo, useState } from 'react';
import { api, type MeAssignment, type MeUnit, type QuotaLevel, type SessionUser } from '../api';
import { db, setMeta, type SyncMeta } from '../db';
import { downloadJson, exportOutbox, APP_VERSION, questionnaireOf } from '../forms';
import { useI18n, type I18n, type TextKey } from '../i18n';
import { useLive, useOnline, useStore } from '../live';
import { pwaState } from '../pwa';
import { requestSync, syncState } from '../sync';
import { go, takeFlash } from '../navigation';
import { namesOf } from '../names';
import { progressPercent } from './FormProgress';

interface Props {
  user: SessionUser;
  needsLogin: boolean;
  onRelogin: () => void;
}

/**
 * The unit's quota lines: its total first (the same figure as the dashboard and the set-up grid's "Cộng"), then its
 * level quotas, which are parts of it (server/features/fieldwork/API.md, "Quotas"). An `all` quota is the total.
 */
function quotaLines(u: MeUnit, order: readonly string[]): { level: QuotaLevel | 'total'; target: number; collected: number; accepted: number }[] {
  const rank = (level: string) => (order.includes(level) ? order.indexOf(level) : order.length);
  const levels = [...u.quotas].filter((q) => q.level !== 'all').sort((a, b) => rank(a.level) - rank(b.level));
  const all = u.quotas.find((q) => q.level === 'all');
  const total = u.total ?? all ?? null; // a phone holding a profile from before `total` existed
  return [...(total ? [{ level: 'total' as const, ...total }] : []), ...levels];
}

/**
 * The name of a quota line: the campaign's level as its questionnaire labels it (levels are data: a two-level campaign
 * has province and commune only), "all levels" for the unit-wide quota.
 */
function levelText(i18n: I18n, a: Pick<MeAssignment, 'levels'>, level: string): string {
  if (level === 'all') return i18n.t('level_all');
  const found = (a.levels ?? []).find((l) => l.value === level); // a phone may hold a profile from before `levels` existed
  return found ? i18n.text(found.label) : level;
}

function modeText(i18n: I18n, mode: 'interview' | 'paper', serial: string | null): string {
  return mode === 'paper' ? `${i18n.t('modePaper')} · ${i18n.t('paperSerialShort', { serial: serial ?? '' })}` : i18n.t('modeInterview');
}

export function HomeScreen({ user, needsLogin, onRelogin }: Props) {
  const i18n = useI18n();
  const online = useOnline();
  const { running, nextRetryAt } = useStore(syncState);
  const { offlineReady } = useStore(pwaState);
  const profile = useLive(() => db.profile.get('me'), []);
  const outbox = useLive(() => db.outbox.orderBy('queuedAt').toArray(), []);
  const drafts = useLive(() => db.drafts.where('enumeratorId').equals(user.id).reverse().sortBy('updatedAt'), [user.id]);
  const receipts = useLive(() => db.receipts.orderBy('storedAt').reverse().filter((r) => r.enumeratorId === user.id).limit(10).toArray(), [user.id]);
  const sync = useLive(() => db.meta.get('sync').then((m) => m?.value as SyncMeta | undefined), []);
  const [message, setMessage] = useState<string | null>(() => takeFlash());
  const [logoutProblem, setLogoutProblem] = useState<string | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);

  useEffect(() => {
    void navigator.storage?.persisted?.().then(setPersisted, () => setPersisted(null));
  }, []);

  const names = useMemo(() => namesOf(profile?.me), [profile]);
  const mine = outbox?.filter((r) => r.enumeratorId === user.id) ?? [];
  const others = (outbox?.length ?? 0) - mine.length;
  const unsent = outbox?.length ?? 0;
  const pendingByUnit = new Map<string, number>();
  for (const r of mine) pendingByUnit.set(r.envelope.unitId, (pendingByUnit.get(r.envelope.unitId) ?? 0) + 1);

  async function syncNow() {
    setMessage(null);
    const r = await requestSync('manual');
    if (!r.problem || r.sent > 0) {
      setMessage(
        r.refused
          ? i18n.t('syncResultRefused', { sent: r.sent, refused: r.refused })
          : r.sent
            ? i18n.t('syncResult', { sent: r.sent })
            : i18n.t('syncNothing'),
      );
    }
  }

  async function doExport() {
    const { file, name } = await exportOutbox(user);
    downloadJson(file, name);
  }

  async function logout() {
    setLogoutProblem(null);
    if (unsent > 0) {
      setLogoutProblem(i18n.t('logoutBlocked', { n: unsent }));
      return;
    }
    if (!navigator.onLine) {
      setLogoutProblem(i18n.t('logoutOffline'));
      return;
    }
    const draftCount = drafts?.length ?? 0;
    if (draftCount > 0 && !window.confirm(i18n.t('logoutDraftsConfirm', { n: draftCount }))) return;
    try {
      await api.logout();
    } catch {
      /* the session may be gone already */
    }
    await db.transaction('rw', db.meta, db.profile, db.outbox, async () => {
      if ((await db.outbox.count()) > 0) return; // a form finished in another tab meanwhile: stay signed in
      await db.profile.clear();
      await db.meta.delete('user');
      await setMeta('needsLogin', false);
      await db.meta.delete('sync');
    });
    go('/', true);
  }

  const syncLine = running
    ? i18n.t('syncing')
    : sync?.lastSuccessAt
      ? i18n.t('syncedAt', { time: i18n.dateTime(sync.lastSuccessAt) })
      : i18n.t('neverSynced');

  return (
    <div className="stack">
      {needsLogin && (
        <div className="notice notice-warn stack-s" role="alert">
          <span>{i18n.t('sessionExpired')}</span>
          <button type="button" className="btn btn-primary" onClick={onRelogin}>
            {i18n.t('loginAgain')}
          </button>
        </div>
      )}

      <section className="card stack-s" aria-labelledby="status-title">
        <h1 id="status-title" className={`unsent ${unsent ? 'unsent-some' : ''}`} data-testid="unsent-count">
          {outbox === undefined ? '…' : unsent ? i18n.t('unsentCount', { n: unsent }) : i18n.t('allSent')}
        </h1>
        <p className="muted" data-testid="sync-status">
          {syncLine}
          {!online && <> · {i18n.t('syncOfflineHint')}</>}
        </p>
        {online && !running && !needsLogin && sync?.lastError && (
          <p className="notice notice-error">
            {i18n.text(sync.lastError)}
            {nextRetryAt > Date.now() && <> {i18n.t('syncRetryAt', { time: i18n.time(new Date(nextRetryAt).toISOString()) })}</>}
          </p>
        )}
        {message && (
          <p className="notice notice-ok" role="status">
            {message}
          </p>
        )}
        <div className="actions">
          <a className="btn btn-primary btn-big" href="#/new">
            {i18n.t('newForm')}
          </a>
          <button type="button" className="btn btn-big" onClick={() => void syncNow()} disabled={running || !online || needsLogin}>
            {running ? i18n.t('syncing') : i18n.t('syncNow')}
          </button>
        </div>
      </section>

      {drafts && drafts.length > 0 && (
        <section className="card stack-s" aria-labelledby="drafts-title">
          <h2 id="drafts-title">
            {i18n.t('draftsTitle')} ({i18n.num(drafts.length)})
          </h2>
          <ul className="list">
            {drafts.map((d) => {
              const q = questionnaireOf(d);
              const pct = q ? progressPercent(q, d.answers) : null;
              return (
                <li key={d.clientUuid} className="list-item">
                  <div>
                    <strong>{names.unit(d.unitId)}</strong>
                    <div className="muted small">{modeText(i18n, d.mode, d.paperSerial)}</div>
                    <div className="muted small">
                      {i18n.dateTime(d.updatedAt)}
                      {pct !== null && ` · ${pct}%`}
                    </div>
                  </div>
                  <a className="btn" href={`#/form/${d.clientUuid}`}>
                    {i18n.t('resume')}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {outbox && outbox.length > 0 && (
        <section className="card stack-s" aria-labelledby="outbox-title" data-testid="outbox">
          <h2 id="outbox-title">
            {i18n.t('outboxTitle')} ({i18n.num(outbox.length)})
          </h2>
          <ul className="list">
            {outbox.map((r) => {
              const status: TextKey = r.status === 'failed' ? 'statusFailed' : r.status === 'sending' ? 'statusSending' : 'statusQueued';
              return (
                <li key={r.clientUuid} className="list-item list-item-col">
                  <div className="row-between">
                    <strong>{names.unit(r.envelope.unitId)}</strong>
                    <span className={`badge badge-${r.status}`}>{i18n.t(status)}</span>
                  </div>
                  <div className="muted small">
                    {modeText(i18n, r.envelope.mode, r.envelope.paperSerial)} · {i18n.dateTime(r.envelope.paradata.finishedAt)}
                    {r.attempts > 0 && ` · ${i18n.t('attempts', { n: r.attempts })}`}
                    {r.enumeratorId !== user.id && ` · ${i18n.t('otherAccount')}`}
                  </div>
                  {r.lastError && <div className={r.status === 'failed' ? 'error-text' : 'muted small'}>{i18n.text(r.lastError)}</div>}
                </li>
              );
            })}
          </ul>
          {others > 0 && <p className="muted small">{i18n.t('otherAccount')}: {i18n.num(others)}</p>}
          <button type="button" className="btn" onClick={() => void doExport()} disabled={mine.length === 0}>
            {i18n.t('exportUnsent')}
          </button>
          <p className="muted small">{i18n.t('exportHint')}</p>
        </section>
      )}

      {profile && profile.me.returned.length > 0 && (
        <section className="card stack-s" aria-labelledby="returned-title">
          <h2 id="returned-title">{i18n.t('returnedTitle')}</h2>
          <ul className="list">
            {profile.me.returned.map((r) => (
              <li key={r.formId} className="list-item list-item-col">
                <strong>{names.unit(r.unitId)}</strong>
                <div className="muted small">
                  {r.paperSerial ? i18n.t('paperSerialShort', { serial: r.paperSerial }) : i18n.t('modeInterview')}
                  {r.at && ` · ${i18n.dateTime(r.at)}`}
                </div>
                <div className="error-text">{r.reason ? i18n.t('returnedReason', { reason: r.reason }) : i18n.t('returnedNoReason')}</div>
                <a
                  className="btn"
                  href={`#/new?${new URLSearchParams({ campaign: r.campaignId, unit: r.unitId, ...(r.paperSerial ? { serial: r.paperSerial } : {}) }).toString()}`}
                >
                  {i18n.t('replaceForm')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card stack-s" aria-labelledby="assign-title">
        <h2 id="assign-title">{i18n.t('assignmentsTitle')}</h2>
        {profile && <p className="muted small">{i18n.t('updatedAt', { time: i18n.dateTime(profile.fetchedAt) })}</p>}
        {profile && profile.me.assignments.length === 0 && <p>{i18n.t('noAssignments')}</p>}
        {profile?.me.assignments.map((a) => (
          <div key={a.campaignId} className="campaign stack-s">
            <h3>
              {a.campaignName} ({a.year})
            </h3>
            <p className="muted small">
              {i18n.t('campaignDates', { from: a.startsOn ? i18n.day(a.startsOn) : i18n.t('notSet'), to: a.endsOn ? i18n.day(a.endsOn) : i18n.t('notSet') })}
              {' · '}
              {i18n.t('questionnaireLabel', { id: a.questionnaireId, version: String(a.questionnaireVersion) })}
            </p>
            <ul className="list">
              {a.units.map((u) => (
                <li key={u.unitId} className="list-item list-item-col" data-testid={`unit-${u.code}`}>
                  <strong>
                    {u.name} <span className="muted small">({u.code})</span>
                  </strong>
                  {quotaLines(u, (a.levels ?? []).map((l) => l.value)).map((q) => {
                    const pct = q.target > 0 ? Math.min(100, Math.round((100 * q.collected) / q.target)) : 0;
                    return (
                      <div key={q.level} className={`quota ${q.level === 'total' ? 'quota-total' : ''}`} data-testid={`quota-${u.code}-${q.level}`}>
                        <div className="row-between small">
                          <span id={`quota-${u.unitId}-${q.level}`}>{q.level === 'total' ? i18n.t('quotaTotal') : levelText(i18n, a, q.level)}</span>
                          <span>
                            {i18n.t('quotaLine', { collected: q.collected, target: q.target })} · {i18n.t('quotaAccepted', { n: q.accepted })}
                          </span>
                        </div>
                        <div
                          className="bar"
                          role="progressbar"
                          aria-labelledby={`quota-${u.unitId}-${q.level}`}
                          aria-valuemin={0}
                          aria-valuemax={q.target}
                          aria-valuenow={q.collected}
                        >
                          <div className="bar-fill" style={{ width: `${pct}%` }} />
                        </div>
                      </div>
                    );
                  })}
                  <div className="muted small">
                    {i18n.t('collectedByMe', { n: u.collectedByMe })}
                    {pendingByUnit.get(u.unitId) ? ` · ${i18n.t('pendingHere', { n: pendingByUnit.get(u.unitId)! })}` : ''}
                  </div>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      {receipts && receipts.length > 0 && (
        <section className="card stack-s" aria-labelledby="sent-title">
          <h2 id="sent-title">{i18n.t('sentTitle')}</h2>
          <ul className="list">
            {receipts.map((r) => (
              <li key={r.clientUuid} className="list-item list-item-col">
                <strong>{names.unit(r.unitId)}</strong>
                <div className="muted small">
                  {modeText(i18n, r.mode, r.paperSerial)} · {i18n.t('sentAt', { time: i18n.dateTime(r.receivedAt) })}
                </div>
                {r.flags.length > 0 && (
                  <div className="small">
                    {i18n.t('flagsTitle')}
                    <ul className="flags">
                      {r.flags.map((f) => (
                        <li key={f.code}>{i18n.text(f.message)}</li>
                      ))}
                    </ul>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <footer className="card stack-s small">
        <div>{i18n.t('signedInAs', { name: `${user.displayName} (${user.username})` })}</div>
        {persisted === true && <div className="muted">{i18n.t('storagePersisted')}</div>}
        {persisted === false && <div className="muted">{i18n.t('storageNotPersisted')}</div>}
        {offlineReady && <div className="muted">{i18n.t('offlineReady')}</div>}
        <div className="muted">{i18n.t('version', { version: APP_VERSION })}</div>
        {logoutProblem && (
          <p className="notice notice-error" role="alert">
            {logoutProblem}
          </p>
        )}
        <button type="button" className="btn" onClick={() => void logout()}>
          {i18n.t('logout')}
        </button>
      </footer>
    </div>
  );
}
