import { z } from 'zod';

// A blank value (as .dev.vars.example leaves them) means "use the default".
export const blankIsUnset = (value: unknown) => (value === '' ? undefined : value);

/** A whole-number variable with a default, so a deployment sets only what it changes. */
export const defaultedWhole = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );
