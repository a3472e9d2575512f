import { makeTaxId, type Role } from '@bu/shared';
import { cnapLocations, operatorLocations } from '../../src/db/schema.js';
import { createAccount, type TestApp } from '../helpers.js';

let serial = 0;
/** A fresh valid taxpayer number for a birth date (unique within a test run). */
export const taxIdFor = (birthDate = '1985-04-12') => makeTaxId(birthDate, ++serial % 10_000);

export async function createLocation(t: TestApp, name = `ЦНАП ${Math.random().toString(36).slice(2, 8)}`) {
  const [row] = await t.database.db
    .insert(cnapLocations)
    .values({ name, address: 'вул. Галицька, 1' })
    .returning();
  return row!;
}

/** An account with the operator role (plus any others) working at the given ЦНАП locations. */
export async function createOperator(t: TestApp, locationIds: number[], extra: Role[] = []) {
  const account = await createAccount(t, ['operator', ...extra], 'Оператор ЦНАП');
  if (locationIds.length)
    await t.database.db
      .insert(operatorLocations)
      .values(locationIds.map((locationId) => ({ userId: account.user.id, locationId })));
  return account;
}

/** A resident who declared a taxpayer number (demo mode): a verified voter. */
export async function createVerifiedResident(t: TestApp, birthDate = '1985-04-12', roles: Role[] = []) {
  const account = await createAccount(t, roles);
  const taxId = taxIdFor(birthDate);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/me/identity',
    headers: account.auth,
    payload: { taxId },
  });
  if (res.statusCode !== 200) throw new Error(`identity: ${res.statusCode} ${res.body}`);
  return { ...account, taxId };
}
