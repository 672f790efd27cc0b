import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnumeratorCommitResult } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { Notice } from '../../../shared/components/Notice';
import { Table, type Column } from '../../../shared/components/Table';
import { downloadText } from '../../../shared/download';
import { useFormat } from '../../../shared/format/useFormat';
import { accountsCsv } from './accountsCsv';

type Account = EnumeratorCommitResult['created'][number];

/** The accounts just created with their generated passwords — shown this once, with a CSV download. */
export function CreatedAccounts({ result, onDone }: { result: EnumeratorCommitResult; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [downloaded, setDownloaded] = useState(false);
  const hasPasswords = result.created.length > 0;

  // leaving the page loses the passwords: the browser asks first until they were downloaded
  useEffect(() => {
    if (!hasPasswords || downloaded) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasPasswords, downloaded]);

  const download = () => {
    const csv = accountsCsv(result.created, {
      username: t('fieldworkSetup.accounts.csvUsername'),
      displayName: t('fieldworkSetup.accounts.csvName'),
      password: t('fieldworkSetup.accounts.csvPassword'),
    });
    const day = new Date().toISOString().slice(0, 10);
    downloadText(csv, `${t('fieldworkSetup.accounts.csvFileName')}-${day}.csv`);
    setDownloaded(true);
  };
  const done = () => {
    if (hasPasswords && !downloaded && !window.confirm(t('fieldworkSetup.accounts.confirmHide'))) return;
    onDone();
  };

  const columns: Column<Account>[] = [
    { key: 'username', header: t('fieldworkSetup.accounts.username'), primary: true, render: (a) => <span className="code">{a.username}</span> },
    { key: 'name', header: t('fieldworkSetup.accounts.name'), render: (a) => a.displayName },
    { key: 'password', header: t('fieldworkSetup.accounts.password'), render: (a) => <span className="code password">{a.password}</span> },
  ];

  return (
    <div className="stack">
      <Notice tone="success" title={t('fieldworkSetup.accounts.committed')}>
        {t('fieldworkSetup.accounts.committedSummary', { created: format.integer(result.created.length), updated: format.integer(result.updated.length) })}
        {typeof result.assigned === 'number' && <> {t('fieldworkSetup.accounts.assigned', { count: result.assigned, n: format.integer(result.assigned) })}</>}
      </Notice>
      {hasPasswords && (
        <>
          <Notice tone="warning" title={t('fieldworkSetup.accounts.passwordsOnce')}>
            {t('fieldworkSetup.accounts.passwordsOnceHint')}
          </Notice>
          <Table columns={columns} rows={result.created} rowKey={(a) => a.username} caption={t('fieldworkSetup.accounts.createdTitle')} />
        </>
      )}
      {result.updated.length > 0 && (
        <p className="small">
          <strong>{t('fieldworkSetup.accounts.updatedTitle')}:</strong> {result.updated.join(', ')}
        </p>
      )}
      <div className="actions">
        {hasPasswords && (
          <Button variant="primary" onClick={download}>
            {t('fieldworkSetup.accounts.download')}
          </Button>
        )}
        <Button variant={hasPasswords ? 'secondary' : 'primary'} onClick={done}>
          {hasPasswords ? t('fieldworkSetup.accounts.hidePasswords') : t('common.close')}
        </Button>
      </div>
    </div>
  );
}
