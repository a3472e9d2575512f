import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, Edition } from '@bu/shared';
import { api, ApiError } from '../api';
import { CategoryFacts } from '../components/CategoryList';
import { errorMessage } from '../lib/errors';
import { CategoryForm } from './CategoryForm';

/**
 * The edition's categories as the admin manages them: each can be edited in place or removed (after a
 * confirmation) until voting starts; from then on they are read only, as the API would refuse anyway.
 */
export function AdminCategories({ edition, onChanged }: { edition: Edition; onChanged: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [problem, setProblem] = useState<{ id: number; message: string } | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const open = ['upcoming', 'submission', 'review'].includes(edition.phase);
  const sorted = [...edition.categories].sort((a, b) => a.position - b.position || a.id - b.id);

  async function remove(c: Category) {
    setProblem(null);
    try {
      await api.deleteCategory(edition.id, c.id);
      setConfirming(null);
      setRemoved(t('admin.categoryRemoved', { name: c.name }));
      onChanged();
    } catch (err) {
      setConfirming(null);
      const message =
        err instanceof ApiError && err.code === 'CATEGORY_IN_USE'
          ? t('admin.categoryInUse')
          : err instanceof ApiError && err.code === 'RULES_LOCKED'
            ? t('admin.categoryLocked')
            : errorMessage(err, t);
      setProblem({ id: c.id, message });
    }
  }

  return (
    <>
      <p role="status">{removed}</p>
      {sorted.length === 0 ? (
        <p>{t('edition.noCategories')}</p>
      ) : (
        <ul className="category-grid" aria-labelledby="edition-categories">
          {sorted.map((c) =>
            editing === c.id ? (
              <li key={c.id}>
                <CategoryForm
                  editionId={edition.id}
                  category={c}
                  onAdded={() => {
                    setEditing(null);
                    onChanged();
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={c.id} className="card category-card">
                <CategoryFacts category={c} />
                {problem?.id === c.id && (
                  <p className="field-error" role="alert">
                    {problem.message}
                  </p>
                )}
                {open && confirming === c.id && (
                  <div
                    className="actions"
                    role="group"
                    aria-label={t('admin.confirmRemove', { name: c.name })}
                  >
                    <p>{t('admin.confirmRemove', { name: c.name })}</p>
                    <button type="button" className="button" onClick={() => void remove(c)}>
                      {t('admin.removeConfirmed')}
                    </button>
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setConfirming(null)}
                    >
                      {t('common.cancel')}
                    </button>
                  </div>
                )}
                {open && confirming !== c.id && (
                  <div className="actions">
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={t('admin.editCategory', { name: c.name })}
                      onClick={() => {
                        setProblem(null);
                        setEditing(c.id);
                      }}
                    >
                      {t('admin.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={t('admin.removeCategory', { name: c.name })}
                      onClick={() => {
                        setProblem(null);
                        setRemoved(null);
                        setConfirming(c.id);
                      }}
                    >
                      {t('admin.remove')}
                    </button>
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
      )}
    </>
  );
}
