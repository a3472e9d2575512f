import type { Explanation } from '../types.js';

export type Locale = 'uk' | 'en';

/** Minor units → "12 345,67 грн" (same shape as @bu/shared formatUah, kept local: no deps). */
export function formatMoney(minor: number, locale: Locale = 'uk'): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = group(Math.trunc(abs / 100), locale);
  const cents = String(abs % 100).padStart(2, '0');
  return locale === 'uk' ? `${sign}${whole},${cents} грн` : `${sign}UAH ${whole}.${cents}`;
}

function group(n: number, locale: Locale): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'uk' ? '\u202f' : ',');
}

/** Ukrainian plural: 1 голос, 2–4 голоси, 5+ (and 11–14) голосів. */
function votesUk(n: number): string {
  const d = n % 10;
  const dd = n % 100;
  const word =
    d === 1 && dd !== 11 ? 'голос' : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? 'голоси' : 'голосів';
  return `${group(n, 'uk')} ${word}`;
}

function votesEn(n: number): string {
  return `${group(n, 'en')} vote${n === 1 ? '' : 's'}`;
}

/** The one line shown beside a project in the results (docs/rules.md §4). */
export function explanationText(e: Explanation, locale: Locale = 'uk'): string {
  const m = (x: number) => formatMoney(x, locale);
  const uk = locale === 'uk';
  const v = uk ? votesUk : votesEn;
  switch (e.code) {
    case 'funded':
      return uk
        ? `Переміг: ${v(e.votes)}, профінансовано ${m(e.cost)} із залишку ${m(e.remainingBefore)}`
        : `Won: ${v(e.votes)}, funded ${m(e.cost)} out of the remaining ${m(e.remainingBefore)}`;
    case 'skipped_no_funds':
      return uk
        ? `Не вистачило коштів: ${v(e.votes)}, вартість ${m(e.cost)}, залишок ${m(e.remaining)}`
        : `Not enough funds: ${v(e.votes)}, cost ${m(e.cost)}, remaining ${m(e.remaining)}`;
    case 'below_threshold':
      return uk
        ? `Замало голосів: ${v(e.votes)} при мінімумі ${group(e.minVotes, 'uk')}`
        : `Too few votes: ${v(e.votes)}, the minimum is ${group(e.minVotes, 'en')}`;
    case 'mes_funded':
      return uk
        ? `Переміг за методом рівних часток: ${v(e.votes)}, ${group(e.payers, 'uk')} прихильників сплатили ${m(e.cost)}, по ${m(e.priceRounded)} з кожного, кому вистачало`
        : `Won by equal shares: ${v(e.votes)}, ${group(e.payers, 'en')} supporters paid ${m(e.cost)}, ${m(e.priceRounded)} each where they could`;
    case 'mes_completion_greedy':
      return uk
        ? `Переміг на етапі доповнення за голосами: ${v(e.votes)}, профінансовано ${m(e.cost)} із залишку ${m(e.remainingBefore)}`
        : `Won in the completion by votes: ${v(e.votes)}, funded ${m(e.cost)} out of the remaining ${m(e.remainingBefore)}`;
  }
}
