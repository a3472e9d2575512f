import { useTranslation } from 'react-i18next';
import { formatUah, type Category } from '@bu/shared';
import type { Language } from '../i18n';

export function useMoney() {
  const { i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'uk';
  return (kop: number) => formatUah(kop, lang);
}

export function CategoryList({ categories, labelledBy }: { categories: Category[]; labelledBy: string }) {
  const { t } = useTranslation();
  if (categories.length === 0) return <p>{t('edition.noCategories')}</p>;
  const sorted = [...categories].sort((a, b) => a.position - b.position || a.id - b.id);
  return (
    <ul className="category-grid" aria-labelledby={labelledBy}>
      {sorted.map((c) => (
        <li key={c.id} className="card category-card">
          <CategoryFacts category={c} />
        </li>
      ))}
    </ul>
  );
}

/** A category's name, description, fund, cost range and votes per person: the public page and the admin's list. */
export function CategoryFacts({ category: c }: { category: Category }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <>
      <h3>{c.name}</h3>
      {c.description && <p className="muted">{c.description}</p>}
      <dl className="facts">
        <div>
          <dt>{t('category.fund')}</dt>
          <dd className="money">{money(c.fund)}</dd>
        </div>
        <div>
          <dt>{t('category.cost')}</dt>
          <dd>{t('category.costRange', { min: money(c.minCost), max: money(c.maxCost) })}</dd>
        </div>
        <div>
          <dt>{t('category.maxVotes')}</dt>
          <dd>{c.maxVotes}</dd>
        </div>
      </dl>
    </>
  );
}
