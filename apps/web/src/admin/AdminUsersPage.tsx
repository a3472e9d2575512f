import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '@bu/shared';
import { useAdminUsers } from '../api/queries';
import { useAuth } from '../auth/AuthProvider';
import { TextField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { RolesForm } from './RolesForm';

/** Accounts found by email or name; one at a time opens its roles form in place. */
export function AdminUsersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [editing, setEditing] = useState<number | null>(null);
  const users = useAdminUsers(q);
  // Back and forward move through searches: the box follows the address.
  useEffect(() => setDraft(q), [q]);
  useDocumentTitle(t('staff.title'));

  function onSearch(e: FormEvent) {
    e.preventDefault();
    setEditing(null);
    setParams(draft.trim() ? { q: draft.trim() } : {});
  }

  return (
    <>
      <h1>{t('staff.title')}</h1>
      <p className="lead">{t('staff.intro')}</p>
      <form role="search" className="filters card filters-search" onSubmit={onSearch}>
        <TextField
          label={t('staff.searchLabel')}
          name="q"
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button">
          {t('staff.searchSubmit')}
        </button>
      </form>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <LoadError error={users.error} retry={() => void users.refetch()} />
      ) : (
        <>
          <p className="result-count" role="status">
            {users.data.length === 0 ? t('staff.none') : t('staff.found', { count: users.data.length })}
          </p>
          {users.data.length > 0 && <UsersList users={users.data} editing={editing} onEdit={setEditing} />}
        </>
      )}
    </>
  );
}

/** Cards rather than a table: on a phone the name, the roles and the button stay together on screen. */
function UsersList({
  users,
  editing,
  onEdit,
}: {
  users: User[];
  editing: number | null;
  onEdit: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const me = useAuth().user;
  return (
    <ul className="user-list" aria-label={t('staff.title')}>
      {users.map((u) => (
        <UserCard
          key={u.id}
          user={u}
          isMe={u.id === me?.id}
          open={u.id === editing}
          onToggle={() => onEdit(u.id === editing ? null : u.id)}
        />
      ))}
    </ul>
  );
}

function UserCard({
  user,
  isMe,
  open,
  onToggle,
}: {
  user: User;
  isMe: boolean;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const staff = user.roles.filter((r) => r !== 'resident');
  const { verified, method } = user.identity;
  return (
    <li className="card user-card">
      <h2 className="user-name">
        {user.fullName} {isMe && <span className="muted">{t('staff.you')}</span>}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('staff.colEmail')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('staff.colRoles')}</dt>
          <dd>
            {staff.length === 0 ? (
              <span className="muted">{t('staff.resident')}</span>
            ) : (
              <ul className="role-list">
                {staff.map((r) => (
                  <li key={r} className="badge">
                    {t(`role.${r}`)}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('staff.colIdentity')}</dt>
          <dd>
            {verified
              ? t('staff.verified', { method: method ? t(`identityMethod.${method}`) : '—' })
              : t('staff.notVerified')}
          </dd>
        </div>
      </dl>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls={open ? `roles-form-${user.id}` : undefined}
        aria-label={t('staff.editRolesOf', { name: user.fullName })}
        onClick={onToggle}
      >
        {t('staff.editRoles')}
      </button>
      {open && <RolesForm user={user} onClose={onToggle} />}
    </li>
  );
}
