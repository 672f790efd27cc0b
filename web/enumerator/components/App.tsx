import { useEffect, useState } from 'react';
import { getMeta, getUser } from '../db';
import { useI18n, setLang } from '../i18n';
import { useLive, useOnline, useStore } from '../live';
import { applyUpdate, pwaState } from '../pwa';
import { startAutoSync } from '../sync';
import { useHash } from '../navigation';
import { FormScreen } from './FormScreen';
import { HomeScreen } from './HomeScreen';
import { LoginScreen } from './LoginScreen';
import { NewFormScreen } from './NewFormScreen';

function Header() {
  const i18n = useI18n();
  const online = useOnline();
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        <img src="/enumerator/icons/icon.svg" alt="" width={30} height={30} />
        <span className="brand-text">
          <span className="brand-name">ParIndex</span>
          <span className="brand-sub">{i18n.t('appShort')}</span>
        </span>
      </a>
      <span className={`net ${online ? 'net-on' : 'net-off'}`} role="status" data-testid="network">
        {online ? i18n.t('online') : i18n.t('offline')}
      </span>
      <button type="button" className="lang" aria-label={`${i18n.t('langSwitch')}: ${i18n.t('langSwitchLabel')}`} onClick={() => setLang(i18n.lang === 'vi' ? 'en' : 'vi')}>
        {i18n.t('langSwitch')}
      </button>
    </header>
  );
}

function UpdateBanner() {
  const i18n = useI18n();
  const { updateReady } = useStore(pwaState);
  if (!updateReady) return null;
  return (
    <div className="banner banner-info" role="status">
      <span>{i18n.t('updateReady')}</span>
      <button type="button" className="btn btn-small" onClick={applyUpdate}>
        {i18n.t('updateNow')}
      </button>
    </div>
  );
}

export function App() {
  const hash = useHash();
  const session = useLive(async () => ({ user: await getUser(), needsLogin: (await getMeta<boolean>('needsLogin')) === true }), []);
  const [relogin, setRelogin] = useState(false);
  const user = session?.user;

  useEffect(() => {
    if (user) startAutoSync();
  }, [user]);

  if (!session) return null; // IndexedDB answers within milliseconds
  if (!user) {
    return (
      <div className="app">
        <Header />
        <main className="main">
          <LoginScreen mode="first" />
        </main>
      </div>
    );
  }

  const path = hash.replace(/^#/, '') || '/';
  const formMatch = /^\/form\/([0-9a-f-]{36})$/.exec(path);
  let screen;
  if (relogin) screen = <LoginScreen mode="relogin" user={user} onDone={() => setRelogin(false)} />;
  else if (formMatch) screen = <FormScreen key={formMatch[1]} clientUuid={formMatch[1]!} user={user} />;
  else if (path.startsWith('/new')) screen = <NewFormScreen user={user} params={new URLSearchParams(path.split('?')[1] ?? '')} />;
  else screen = <HomeScreen user={user} needsLogin={session.needsLogin} onRelogin={() => setRelogin(true)} />;

  return (
    <div className="app">
      <Header />
      <UpdateBanner />
      <main className="main">{screen}</main>
    </div>
  );
}

