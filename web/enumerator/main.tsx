import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { recoverOnStart } from './db';
import { persistStorage } from './device';
import { langStore } from './i18n';
import { registerServiceWorker } from './pwa';
import './enumerator.css';

document.documentElement.lang = langStore.get().lang;
registerServiceWorker();
void persistStorage();

const container = document.getElementById('root');
if (!container) throw new Error('enumerator/index.html has no #root element');

// a form left 'sending' by a crash goes back to the queue before anything is shown or sent
void recoverOnStart()
  .catch((err: unknown) => console.error('IndexedDB start-up failed', err))
  .finally(() => {
    createRoot(container).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
