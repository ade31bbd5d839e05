// What `zod` and `zod/v4` resolve to in the Worker's bundle (wrangler.toml [alias]): zod itself,
// with English as its only locale. @hono/zod-openapi and drizzle-zod hold the `z` namespace as a
// value, so the bundler must keep every export of it, and zod's `locales` would bring all 64
// languages, a third of zod's bytes, although the Worker only speaks English. Likewise `compile`
// (a JIT validator) and `fromJSONSchema`, which nothing here calls (13 KiB gzip), and `z.core`,
// zod's internals as one object (3 KiB): zod's own modules import them directly, and nothing
// in the Worker reads `z.core` (test/bundle/bundle-contents.spec.ts checks).
// Same modules as `import { z } from 'zod'` elsewhere: one instance, one `ZodType` prototype.
import * as z from './zod-classic.ts';

export * from './zod-classic.ts';
export { z, z as default };
