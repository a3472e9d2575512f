/** @bu/tally — pure tally engine: no database, no network, no file system. */
export { tally } from './tally.js';
export { explanationText, formatMoney, type Locale } from './core/format.js';
export { prng } from './core/tiebreak.js';
export { parsePb, type PbInstance, type PbProject, type PbVote } from './pb/parse.js';
export { writePb } from './pb/write.js';
export { PbParseError } from './pb/rows.js';
export { tallyPb, runTallyCommand } from './pb/tally-pb.js';
export type * from './types.js';
