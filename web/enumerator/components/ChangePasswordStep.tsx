import { useState, type FormEvent } from 'react';
import { api, ApiError, NetworkError } from '../api';
import { useI18n } from '../i18n';

interface Props {
  username: string;
  /** the password just used to sign in (generated, from the enumerator list) */
  currentPassword: string;
  onChanged: () => Promise<void>;
}

/**
 * Right after the first sign-in with a generated password: the enumerator sets their own before anything else (the
 * server answers nothing else until then). The current password is the one just typed, so only the new one is asked.
 */
export function ChangePasswordStep({ username, currentPassword, onChanged }: Props) {
  const i18n = useI18n();
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function check(): string | null {
    if (next.length < 10) return i18n.t('changeTooShort');
    if (next === currentPassword) return i18n.t('changeSame');
    if (next.toLowerCase().includes(username.toLowerCase())) return i18n.t('changeHasUsername');
    if (next !== again) return i18n.t('changeMismatch');
    return null;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = check();
    setError(problem);
    if (problem) return;
    if (!navigator.onLine) {
      setError(i18n.t('loginNeedsNetwork'));
      return;
    }
    setBusy(true);
    try {
      await api.changePassword(currentPassword, next);
      await onChanged();
    } catch (err) {
      if (err instanceof NetworkError) setError(i18n.t('loginNeedsNetwork'));
      else if (err instanceof ApiError && err.status === 429) setError(i18n.t('loginTooMany'));
      else if (err instanceof ApiError) setError(i18n.text(err.text));
      else setError(String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack login" onSubmit={submit} noValidate>
      <h1>{i18n.t('changeTitle')}</h1>
      <p className="muted">{i18n.t('changeIntro')}</p>
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <div className="field">
        <label className="field-label" htmlFor="new-password">{i18n.t('newPassword')}</label>
        <input
          className="input" id="new-password" name="new-password" type="password" autoComplete="new-password" required aria-describedby="new-password-hint"
          value={next} onChange={(e) => setNext(e.target.value)}
        />
        <span className="muted small" id="new-password-hint">{i18n.t('newPasswordHint')}</span>
      </div>
      <label className="field">
        <span className="field-label">{i18n.t('newPasswordAgain')}</span>
        <input className="input" name="new-password-again" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
      </label>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy || !next || !again}>
        {busy ? i18n.t('changing') : i18n.t('changeButton')}
      </button>
    </form>
  );
}
