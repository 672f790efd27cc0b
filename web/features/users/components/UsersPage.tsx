import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../shared/components/Badge';
import { Button } from '../../../shared/components/Button';
import { Notice } from '../../../shared/components/Notice';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { Table } from '../../../shared/components/Table';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { useUsers, type Account } from '../api/users';
import { AddUserForm, EditUserForm } from './UserForm';

/** /users — accounts and their roles (admins only): unit officers with their unit, appraisers, e-mail for notices. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser().data;
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  if (me && me.role !== 'admin') return <Notice tone="warning" title={t('errors.forbidden')} />;

  return (
    <div className="stack">
      <PageHeader
        title={t('users.title')}
        subtitle={users.data && t('users.count', { count: users.data.length })}
        actions={!adding && <Button variant="primary" onClick={() => setAdding(true)}>{t('users.add')}</Button>}
      />
      {adding && <AddUserForm onDone={() => setAdding(false)} />}
      <QueryState query={users}>
        {(list) => {
          const editedAccount = list.find((u) => u.id === editing);
          return (
            <>
              {editedAccount && <EditUserForm key={editedAccount.id} account={editedAccount} onDone={() => setEditing(null)} />}
              <Table<Account>
                rows={list}
                rowKey={(u) => u.id}
                empty={t('users.empty')}
                columns={[
                  { key: 'username', header: t('users.fields.username'), primary: true, render: (u) => <strong>{u.username}</strong> },
                  { key: 'name', header: t('users.fields.displayName'), render: (u) => u.displayName },
                  { key: 'role', header: t('users.fields.role'), render: (u) => t(`roles.${u.role}`) },
                  { key: 'unit', header: t('users.fields.unit'), render: (u) => u.unitName ?? '—' },
                  { key: 'email', header: t('users.fields.email'), render: (u) => u.email ?? '—' },
                  {
                    key: 'active', header: t('users.fields.active'),
                    render: (u) => (
                      <span className="actions actions--tight">
                        <Badge tone={u.active ? 'success' : 'neutral'}>{u.active ? t('users.activeYes') : t('users.activeNo')}</Badge>
                        {u.mustChangePassword && <Badge tone="warning" title={t('users.mustChangeHint')}>{t('users.mustChange')}</Badge>}
                      </span>
                    ),
                  },
                  {
                    key: 'actions', header: t('common.actions'), align: 'end',
                    render: (u) => (
                      <Button small variant="ghost" onClick={() => setEditing(u.id)} aria-label={t('users.editTitle', { username: u.username })}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]}
              />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
