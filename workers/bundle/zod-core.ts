// `z.core` as zod exports it, with English as its only locale (see ./zod.ts).
import en from 'zod/v4/locales/en.js';

export * from 'zod/v4/core';
export const locales = { en };
