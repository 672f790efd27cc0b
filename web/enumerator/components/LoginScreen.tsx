import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, NetworkError, type MeResponse, type SessionUser } from '../api';
import { db, setMeta } from '../db';
import { persistStorage } from '../device';
import { useI18n } from '../i18n';
import { requestSync } from '../sync';
import { ChangePasswordStep } from './ChangePasswordStep';

type Props = { mode: 'first' } | { mode: 'relogin'; user: SessionUser; onDone: () => void };

async function adopt(user: SessionUser, me: MeResponse): Promise<void> {
  await db.transaction('rw', db.meta, db.profile, async () => {
    await db.profile.put({ key: 'me', me, fetchedAt: new Date().toISOString() });
    await setMeta('user', { id: user.id, username: user.username, displayName: user.displayName, role: user.role ?? 'enumerator' });
    await setMeta('needsLogin', false);
  });
  void persistStorage();
  void requestSync('login');
}

/**
 * POST /api/auth/login, then GET /api/fieldwork/me (the first sign-in needs both: after that, everything works
 * offline). Signing in again (expired session) keeps the account: the phone's unsent forms belong to it.
 */
export function LoginScreen(props: Props) {
  const i18n = useI18n();
  const fixedUser = props.mode === 'relogin' ? props.user : null;
  const [username, setUsername] = useState(fixedUser?.username ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notEnumerator, setNotEnumerator] = useState(false);
  /** signed in with a generated password: it is replaced before anything else (the server refuses the rest) */
  const [mustChange, setMustChange] = useState<{ user: SessionUser; currentPassword: string } | null>(null);

  // already signed in on this site (e.g. through the office pages, which send enumerators here): no second sign-in
  useEffect(() => {
    if (props.mode !== 'first' || !navigator.onLine) return;
    api.me().then(
      (me) => adopt(me.user, me),
      () => undefined, // 401 / 403 / offline: the form is there
    );
  }, [props.mode]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNotEnumerator(false);
    if (!navigator.onLine) {
      setError(i18n.t('loginNeedsNetwork'));
      return;
    }
    setBusy(true);
    try {
      const { user } = await api.login(username.trim(), password);
      if (fixedUser && user.id !== fixedUser.id) {
        await api.logout().catch(() => undefined);
        setError(i18n.t('loginWrongUser', { username: fixedUser.username }));
        return;
      }
      if (user.role && user.role !== 'enumerator') {
        await api.logout().catch(() => undefined);
        setNotEnumerator(true);
        return;
      }
      if (user.mustChangePassword) {
        setMustChange({ user, currentPassword: password });
        return;
      }
      await adopt(user, await api.me());
      if (props.mode === 'relogin') props.onDone();
    } catch (err) {
      if (err instanceof NetworkError) setError(i18n.t('loginNeedsNetwork'));
      else if (err instanceof ApiError && err.status === 403) setNotEnumerator(true);
      else if (err instanceof ApiError && err.status === 429) setError(i18n.t('loginTooMany'));
      else if (err instanceof ApiError) setError(i18n.text(err.text));
      else setError(String(err));
    } finally {
      setBusy(false);
      setPassword('');
    }
  }

  if (mustChange) {
    return (
      <ChangePasswordStep
        username={mustChange.user.username}
        currentPassword={mustChange.currentPassword}
        onChanged={async () => {
          await adopt(mustChange.user, await api.me());
          if (props.mode === 'relogin') props.onDone();
        }}
      />
    );
  }

  return (
    <form className="card stack login" onSubmit={submit} noValidate>
      <h1>{i18n.t(props.mode === 'relogin' ? 'reloginTitle' : 'loginTitle')}</h1>
      <p className="muted">{i18n.t(props.mode === 'relogin' ? 'reloginIntro' : 'loginIntro')}</p>
      <label className="field">
        <span className="field-label">{i18n.t('username')}</span>
        <input
          className="input"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          readOnly={fixedUser !== null}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{i18n.t('password')}</span>
        <input className="input" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {notEnumerator && (
        <p className="notice notice-error" role="alert">
          {i18n.t('loginNotEnumerator')} <a href="/">{i18n.t('loginOpenMain')}</a>
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy || !username.trim() || !password}>
        {busy ? i18n.t('loggingIn') : i18n.t('loginButton')}
      </button>
      {props.mode === 'relogin' && (
        <button type="button" className="btn" onClick={props.onDone}>
          {i18n.t('cancel')}
        </button>
      )}
    </form>
  );
}
