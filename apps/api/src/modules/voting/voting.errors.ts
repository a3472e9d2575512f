import { countUk } from '@bu/shared';
import { AppError } from '../../shared/errors.js';

// After «не більше» / «з» the noun takes the genitive: «не більше 1 проєкту», «з 2 голосів».
const PROJECTS_GEN = { one: 'проєкту', few: 'проєктів', many: 'проєктів', other: 'проєкту' };
const VOTES_GEN = { one: 'голосу', few: 'голосів', many: 'голосів', other: 'голосу' };
const VOTES = { one: 'голос', few: 'голоси', many: 'голосів', other: 'голосу' };
const YEARS = { one: 'рік', few: 'роки', many: 'років', other: 'року' };

const CHANNEL = { online: 'онлайн', cnap: 'у ЦНАП' } as const;
/** Dates as a person in the community reads them: Kyiv time, in words. */
const kyiv = new Intl.DateTimeFormat('uk-UA', {
  timeZone: 'Europe/Kyiv',
  dateStyle: 'long',
  timeStyle: 'short',
});
export type UsedBy = { online: number; cnap: number };

/** Which channel(s) used a person's votes, in words: «онлайн», «у ЦНАП», «онлайн і у ЦНАП». */
export function channelsInWords(used: UsedBy): string {
  return (Object.keys(CHANNEL) as (keyof UsedBy)[])
    .filter((k) => used[k] > 0)
    .map((k) => CHANNEL[k])
    .join(' і ');
}

/**
 * Every refusal names its exact reason in plain Ukrainian (docs/rules.md §13): operators at ЦНАП read
 * these aloud to a person at the counter, so they speak of "this person", online of "you".
 */
export const votingErrors = {
  editionNotFound: () => new AppError('NOT_FOUND', 'Конкурс не знайдено'),
  phaseClosed: (votingStart: Date, votingEnd: Date, now = new Date()) =>
    new AppError(
      'PHASE_CLOSED',
      now < votingStart
        ? `Голосування ще не почалося: воно відкриється ${kyiv.format(votingStart)}`
        : `Голосування завершилося ${kyiv.format(votingEnd)}`,
    ),
  declaredOnly: () =>
    new AppError(
      'NOT_ELIGIBLE',
      'Ваш РНОКПП лише введено вручну (демонстраційний режим): щоб голосувати, підтвердьте особу через id.gov.ua або в ЦНАП',
    ),
  notVerified: () =>
    new AppError(
      'NOT_ELIGIBLE',
      'Щоб голосувати, підтвердьте особу: вкажіть РНОКПП у профілі або зверніться до ЦНАП',
    ),
  underAge: (minAge: number, who: 'you' | 'person') =>
    new AppError(
      'NOT_ELIGIBLE',
      who === 'you'
        ? `Голосувати можуть особи, яким виповнилося ${countUk(minAge, YEARS)}`
        : `Ця особа молодша за ${countUk(minAge, YEARS)} і не може голосувати в цьому конкурсі`,
    ),
  notAdmitted: (ids: number[]) =>
    new AppError(
      'PROJECT_NOT_ADMITTED',
      `Голосувати можна лише за допущені проєкти цього конкурсу; не допущені або не з цього конкурсу: ${ids.join(', ')}`,
      [{ field: 'body.projectIds', message: `Не допущені: ${ids.join(', ')}` }],
    ),
  alreadyVoted: (projects: { id: number; title: string; channel: keyof UsedBy }[], who: 'you' | 'person') =>
    new AppError(
      'ALREADY_VOTED',
      `${who === 'you' ? 'Ви вже підтримали' : 'Ця особа вже підтримала'} ${projects
        .map((p) => `проєкт «${p.title}» (${CHANNEL[p.channel]})`)
        .join(', ')}; голос за той самий проєкт двічі не приймається`,
    ),
  limitExceeded: (
    cats: { name: string; maxVotes: number; usedBy: UsedBy; requested: number }[],
    who: 'you' | 'person',
  ) =>
    new AppError(
      'VOTE_LIMIT_EXCEEDED',
      cats
        .map((c) => {
          const used = c.usedBy.online + c.usedBy.cnap;
          if (used === 0)
            return `У категорії «${c.name}» можна підтримати не більше ${countUk(c.maxVotes, PROJECTS_GEN)}, обрано ${c.requested}`;
          const subject = who === 'you' ? 'Ви вже використали' : 'Ця особа вже використала';
          const where = `у категорії «${c.name}» (${channelsInWords(c.usedBy)})`;
          if (used < c.maxVotes)
            return `${subject} ${used} з ${countUk(c.maxVotes, VOTES_GEN)} ${where}: залишилося ${c.maxVotes - used}, а обрано ${c.requested}`;
          return `${subject} ${c.maxVotes === 1 ? 'свій голос' : `усі ${countUk(c.maxVotes, VOTES)}`} ${where}`;
        })
        .join('; '),
    ),
  /** Decided by an admin (docs/rules.md §7): the allowance stays spent, so nothing more is accepted. */
  annulledAsFraud: (who: 'you' | 'person') =>
    new AppError(
      'VOTE_LIMIT_EXCEEDED',
      `${who === 'you' ? 'Ваші голоси' : 'Голоси цієї особи'} в цьому конкурсі анульовано через порушення; повторне голосування не приймається`,
    ),
  duplicateSerial: (serial: string) =>
    new AppError('DUPLICATE_BALLOT_SERIAL', `Бюлетень з номером ${serial} уже внесено в цьому конкурсі`, [
      { field: 'body.serial', message: 'Номер уже використано' },
    ]),
  operatorNotAtLocation: () => new AppError('FORBIDDEN', 'Ви не є оператором цього ЦНАП'),
  /** Nobody enters or verifies themselves: a second operator must see the documents. */
  operatorSelf: () =>
    new AppError(
      'FORBIDDEN',
      'Оператор не може вносити власний бюлетень чи підтверджувати власну особу: зверніться до іншого оператора',
    ),
  /** Nothing was stored and nothing explains why: a state change raced with this request. */
  retry: () => new AppError('CONFLICT', 'Дані змінилися під час голосування; спробуйте ще раз'),
};
