// zod/v4/classic/external.js, the module behind `zod`, with `core` and `locales` narrowed to
// English. By path: `zod` itself is aliased to ./zod.ts, and the package exports no other name for it.
import en from 'zod/v4/locales/en.js';

export * from '../../node_modules/zod/v4/classic/external.js';
export * as core from './zod-core.ts';
export const locales = { en };
