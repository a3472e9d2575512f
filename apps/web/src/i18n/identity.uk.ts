import type { SignInError } from '@bu/shared';

/** Signing in through id.gov.ua (or another identity provider) and the demo banner (docs/identity.md). */
export const identityUk = {
  provider: {
    signIn: 'Увійти через id.gov.ua (Дія, BankID, КЕП)',
    verify: 'Підтвердити особу через id.gov.ua (Дія, BankID, КЕП)',
    demoBanner: 'Демонстраційний режим: особу не перевірено. Голоси на цьому сайті нічого не вирішують.',
    completeTitle: 'Вхід через id.gov.ua',
    failedTitle: 'Не вдалося увійти через id.gov.ua',
    tryAgain: 'Спробувати ще раз',
    back: 'Повернутися',
    ticketInvalid:
      'Квиток входу недійсний, прострочений або вже використаний. Увійдіть через id.gov.ua ще раз.',
    error: {
      IDENTITY_TAKEN:
        'Цей РНОКПП уже підтверджено в іншому обліковому записі. Увійдіть через id.gov.ua без пошти й пароля, щоб потрапити до нього, або зверніться до ЦНАП.',
      CONFLICT: 'Ваш обліковий запис уже підтверджено іншим номером; змінити його можна лише в ЦНАП.',
      LOGIN_EXPIRED: 'Сеанс входу застарів або його розпочато в іншому браузері. Почніть вхід ще раз.',
      ACCESS_DENIED: 'Вхід скасовано на сторінці id.gov.ua.',
      PROVIDER_UNAVAILABLE:
        'Сервіс id.gov.ua зараз недоступний або не відповідає. Спробуйте трохи пізніше або підтвердьте особу в ЦНАП.',
      PROVIDER_ERROR:
        'id.gov.ua надіслав відповідь, яку не вдалося перевірити. Спробуйте ще раз; якщо повториться — зверніться до ЦНАП.',
      TAX_ID_MISSING:
        'id.gov.ua не передав ваш РНОКПП. Оберіть спосіб входу, що його містить (Дія.Підпис, BankID, КЕП), або зверніться до ЦНАП.',
      TAX_ID_INVALID: 'Отриманий від id.gov.ua РНОКПП некоректний. Зверніться до ЦНАП.',
      NAME_MISSING:
        'id.gov.ua не передав ваше ім’я, тож обліковий запис не створено. Спробуйте інший спосіб входу.',
      unknown: 'Вхід не завершено. Спробуйте ще раз.',
    } satisfies Record<SignInError | 'unknown', string>,
  },
};
