import { useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, Project } from '@bu/shared';
import { useMoney } from '../components/CategoryList';

/** What the person may still do in a category; `null` until their taxpayer number is known. */
export interface CategoryAllowance {
  used: number;
  maxVotes: number;
  /** The person is too young for the edition: nothing can be marked. */
  blocked: boolean;
}

/** How many projects may be marked in the category on this ballot. */
export function limitOf(category: Category, allowance: CategoryAllowance | null) {
  if (!allowance) return category.maxVotes;
  return allowance.blocked ? 0 : Math.max(0, allowance.maxVotes - allowance.used);
}

/**
 * One category of the paper ballot: a search box (a project's number or part of its title, Enter
 * marks it) and the list of its admitted projects. Once the person is known, what they already used
 * online or on another ballot is shown and a used-up category cannot be marked; a project marked
 * before that stays marked until the operator removes it (nothing typed is cleared behind their back),
 * and the server has the last word on the ballot.
 */
export function CategoryPicker({
  category,
  projects,
  chosen,
  allowance,
  search,
  onSearch,
  onToggle,
  onSubmit,
}: {
  category: Category;
  projects: Project[];
  chosen: number[];
  allowance: CategoryAllowance | null;
  search: string;
  onSearch: (q: string) => void;
  onToggle: (id: number) => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const id = useId();
  const q = search.trim().toLocaleLowerCase('uk');
  const matches = q
    ? projects.filter((p) => String(p.id).startsWith(q) || p.title.toLocaleLowerCase('uk').includes(q))
    : projects;
  const count = chosen.filter((x) => projects.some((p) => p.id === x)).length;
  const limit = limitOf(category, allowance);
  const usedUp = allowance !== null && !allowance.blocked && limit === 0;
  const closed = limit === 0 && count === 0;

  // Enter in the search marks the project with that exact number, or the only match; Enter in an
  // empty search enters the ballot, as everywhere else in the form. At the limit the typed number
  // stays in the box: nothing was marked.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || q === '') return;
    e.preventDefault();
    const target =
      projects.find((p) => String(p.id) === q) ?? (matches.length === 1 ? matches[0] : undefined);
    if (target && (chosen.includes(target.id) || count < limit)) {
      onToggle(target.id);
      onSearch('');
    }
  };

  let state = t('cnap.chosen', { count, max: limit });
  if (allowance?.blocked) state = t('cnap.blocked');
  else if (allowance) {
    const used = t('cnap.used', { used: allowance.used, max: allowance.maxVotes });
    state = usedUp ? used : `${state} · ${used}`;
  }
  // Marks over what is left come first: they are what the operator must fix before entering.
  const why =
    count > limit
      ? limit === 0
        ? t('cnap.overLimitNone')
        : t('cnap.overLimit', { count: limit })
      : usedUp
        ? t('cnap.usedUp')
        : null;
  return (
    <div
      className="pick-category"
      role="group"
      aria-labelledby={`${id}-h`}
      aria-describedby={why ? `${id}-state ${id}-why` : `${id}-state`}
    >
      {/* h2: the page's h1 is the only heading above (the fieldset's legend is not one). */}
      <h2 id={`${id}-h`}>{category.name}</h2>
      <p id={`${id}-state`} className="pick-state">
        {state}
      </p>
      {why && (
        <p id={`${id}-why`} className={count > limit ? 'field-error' : 'pick-why'}>
          {why}
        </p>
      )}
      <label htmlFor={`${id}-q`} className="pick-search-label">
        {t('cnap.search', { name: category.name })}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        className="ballot-search"
        aria-controls={`${id}-list`}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        disabled={closed}
      />
      <ul id={`${id}-list`} className="pick-list" aria-labelledby={`${id}-h`}>
        {matches.length === 0 && <li className="muted">{t('cnap.noMatch')}</li>}
        {matches.map((p) => {
          const on = chosen.includes(p.id);
          return (
            <li key={p.id} className={on ? 'is-checked' : undefined}>
              <input
                type="checkbox"
                id={`${id}-p${p.id}`}
                checked={on}
                disabled={!on && count >= limit}
                onChange={() => onToggle(p.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    onSubmit();
                  }
                }}
              />
              <label htmlFor={`${id}-p${p.id}`}>
                <span className="project-number">{t('vote.number', { id: p.id })}</span> {p.title}{' '}
                <span className="muted money">{money(p.totalCost)}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
