import { z } from 'zod';
import type { ContentChannel } from '../db/content-schema';
import { toThread } from './thread';
import { X_MAX_WEIGHT, xLength } from './x-text';

// Each channel's rules, enforced here whatever wrote the text (a person through the API or the
// model): a variant that breaks them is never stored.

export const LINKEDIN_MAX = 3_000;
export const DISCORD_MAX = 2_000;
export const REDDIT_TITLE_MAX = 300;
export const REDDIT_TEXT_MAX = 40_000;
export const X_MAX_POSTS = 25;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const codePoints = (text: string) => [...text].length;

export const xBody = z.object({
  posts: z
    .array(z.string().trim().min(1))
    .min(1)
    .max(X_MAX_POSTS)
    .refine((posts) => posts.every((post) => xLength(post) <= X_MAX_WEIGHT), {
      message: `every post must be at most ${X_MAX_WEIGHT} characters as X counts them (a URL counts 23)`,
    }),
});
export const linkedinBody = z.object({
  text: z
    .string()
    .trim()
    .min(1)
    .refine((text) => codePoints(text) <= LINKEDIN_MAX, `at most ${LINKEDIN_MAX} characters`),
});
export const blogBody = z.object({
  title: z.string().trim().min(1).max(200),
  slug: z.string().max(120).regex(SLUG, 'lower-case words joined by hyphens'),
  markdown: z.string().trim().min(1).max(100_000),
});
export const newsletterBody = z.object({
  subject: z.string().trim().min(1).max(150),
  markdown: z.string().trim().min(1).max(100_000),
});

export const discordBody = z.object({
  text: z
    .string()
    .trim()
    .min(1)
    .refine((text) => codePoints(text) <= DISCORD_MAX, `at most ${DISCORD_MAX} characters`),
});
export const redditBody = z.object({
  title: z
    .string()
    .trim()
    .min(1)
    .refine((title) => codePoints(title) <= REDDIT_TITLE_MAX, `at most ${REDDIT_TITLE_MAX} characters`),
  text: z
    .string()
    .trim()
    .min(1)
    .refine((text) => codePoints(text) <= REDDIT_TEXT_MAX, `at most ${REDDIT_TEXT_MAX} characters`),
});

export type XBody = z.output<typeof xBody>;
export type LinkedinBody = z.output<typeof linkedinBody>;
export type BlogBody = z.output<typeof blogBody>;
export type NewsletterBody = z.output<typeof newsletterBody>;
export type DiscordBody = z.output<typeof discordBody>;
export type RedditBody = z.output<typeof redditBody>;
export type VariantBody = XBody | LinkedinBody | BlogBody | NewsletterBody | DiscordBody | RedditBody;

const bodies = {
  x: xBody,
  linkedin: linkedinBody,
  blog: blogBody,
  newsletter: newsletterBody,
  discord: discordBody,
  reddit: redditBody,
} as const;

/** What a writer may send per channel: X also takes one long text (made a thread), a blog post a title without slug. */
export const variantInput = {
  x: z.union([
    z.object({
      text: z
        .string()
        .trim()
        .min(1)
        .max(X_MAX_POSTS * X_MAX_WEIGHT),
    }),
    xBody,
  ]),
  linkedin: linkedinBody,
  blog: blogBody.extend({ slug: blogBody.shape.slug.optional() }),
  newsletter: newsletterBody,
  discord: discordBody,
  reddit: redditBody,
} as const;

/** Lower-case ASCII words joined by hyphens; accents folded, at most 80 characters. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'post';
}

export type VariantReading = { ok: true; body: VariantBody } | { ok: false; problem: string };

/** Applies the channel's rules to a writer's input: threads long X text, derives a slug, checks limits. */
export function readVariant(channel: ContentChannel, input: unknown): VariantReading {
  const parsed = variantInput[channel].safeParse(input);
  if (!parsed.success) return { ok: false, problem: problemOf(parsed.error) };
  const value = parsed.data;
  let candidate: unknown = value;
  if (channel === 'x' && 'text' in value) {
    try {
      candidate = { posts: toThread(value.text) };
    } catch {
      return { ok: false, problem: 'too long even for a thread' };
    }
  }
  if (channel === 'blog' && 'title' in value && !('slug' in value && value.slug)) {
    candidate = { ...value, slug: slugify(value.title) };
  }
  const checked = bodies[channel].safeParse(candidate);
  return checked.success ? { ok: true, body: checked.data } : { ok: false, problem: problemOf(checked.error) };
}

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

export function parseBody(channel: ContentChannel, body: unknown): VariantBody {
  return bodies[channel].parse(body);
}
