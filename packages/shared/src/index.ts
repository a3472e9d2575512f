export * from './money.js';
export * from './roles.js';
export * from './phase.js';
export * from './errors.js';
export * from './auth.js';
export * from './editions.js';
export * from './cnap.js';
