import { describe, expect, it } from 'vitest';
import { parseSlot } from '../../src/config/content-config';
import { slotTimes } from '../../src/content/schedule';
import { toThread } from '../../src/content/thread';
import { readVariant, slugify } from '../../src/content/variants';
import { xLength } from '../../src/content/x-text';

const sentence = (n: number) => `Sentence number ${n} says one small useful thing about automation.`;

describe('happy', () => {
  it('counts as X does: a URL is 23 whatever its length, an emoji 2, CJK 2, accents 1', () => {
    expect(xLength('hello')).toBe(5);
    expect(xLength(`read https://example.com/${'a'.repeat(200)} now`)).toBe(5 + 23 + 4);
    expect(xLength('see example.com.')).toBe(4 + 23 + 1);
    expect(xLength('👍🏽')).toBe(2);
    expect(xLength('👨‍👩‍👧')).toBe(2);
    expect(xLength('日本')).toBe(4);
    expect(xLength('Müller')).toBe(6);
    // NFD input is normalised first, as X does.
    expect(xLength('Mu\u0308ller')).toBe(6);
  });

  it('keeps a post that fits as one, and splits a long text into numbered parts between sentences', () => {
    expect(toThread('Short and sweet.')).toEqual(['Short and sweet.']);
    const text = Array.from({ length: 12 }, (_, i) => sentence(i + 1)).join(' ');
    const posts = toThread(text);
    expect(posts.length).toBeGreaterThan(1);
    posts.forEach((post, i) => {
      expect(xLength(post)).toBeLessThanOrEqual(280);
      expect(post.endsWith(` ${i + 1}/${posts.length}`)).toBe(true);
      // Every part ends a sentence before its number.
      expect(post.replace(/ \d+\/\d+$/, '')).toMatch(/\.$/);
    });
    const rejoined = posts.map((post) => post.replace(/ \d+\/\d+$/, '')).join(' ');
    expect(rejoined).toBe(text);
  });

  it('breaks a sentence longer than a post between words, with URLs counted at 23', () => {
    const long = `${'word '.repeat(120)}https://example.com/${'x'.repeat(300)} end.`;
    const posts = toThread(long);
    for (const post of posts) expect(xLength(post)).toBeLessThanOrEqual(280);
    expect(posts.join(' ')).toContain(`https://example.com/${'x'.repeat(300)}`);
  });

  it('applies each channel’s rules to a draft', () => {
    const x = readVariant('x', { text: Array.from({ length: 10 }, (_, i) => sentence(i)).join(' ') });
    expect(x.ok && 'posts' in x.body && x.body.posts.length).toBeGreaterThan(1);
    const blog = readVariant('blog', { title: 'Prüfung der Brandmeldeanlage: 5 Tipps!', markdown: '# Hi' });
    expect(blog).toEqual({
      ok: true,
      body: {
        title: 'Prüfung der Brandmeldeanlage: 5 Tipps!',
        slug: 'prufung-der-brandmeldeanlage-5-tipps',
        markdown: '# Hi',
      },
    });
    expect(readVariant('newsletter', { subject: 'Hello', markdown: 'Body' }).ok).toBe(true);
    expect(readVariant('linkedin', { text: 'é'.repeat(3_000) }).ok).toBe(true);
    expect(readVariant('discord', { text: 'é'.repeat(2_000) }).ok).toBe(true);
    expect(readVariant('reddit', { title: 't'.repeat(300), text: 'Self text' })).toEqual({
      ok: true,
      body: { title: 't'.repeat(300), text: 'Self text' },
    });
  });

  it('lists posting slots in order from a time, daily and weekly', () => {
    const slots = [parseSlot('17:00'), parseSlot('09:00')].filter((slot) => slot !== undefined);
    const from = Date.UTC(2026, 11, 1, 10, 0);
    const times = [...slotTimes({ slots, timezone: 'UTC' }, from, 2)].map(({ at }) => new Date(at).toISOString());
    expect(times).toEqual(['2026-12-01T17:00:00.000Z', '2026-12-02T09:00:00.000Z', '2026-12-02T17:00:00.000Z']);
    const weekly = [parseSlot('tue 07:00')].filter((slot) => slot !== undefined);
    // 2026-12-01 is a Tuesday, past 07:00: the next is a week later.
    const next = slotTimes({ slots: weekly, timezone: 'UTC' }, from).next().value;
    expect(next && new Date(next.at).toISOString()).toBe('2026-12-08T07:00:00.000Z');
  });

  it('reads slots in the schedule time zone, across daylight saving, and names the local day', () => {
    const slots = [parseSlot('09:00'), parseSlot('23:30')].filter((slot) => slot !== undefined);
    const berlin = { slots, timezone: 'Europe/Berlin' };
    const times = (from: number, days: number) =>
      [...slotTimes(berlin, from, days)].map(({ at, day }) => `${day} ${new Date(at).toISOString()}`);
    // Winter (CET, UTC+1): 09:00 is 08:00Z; 23:30 on the 1st is 22:30Z, still the 1st in Berlin.
    expect(times(Date.UTC(2026, 11, 1, 7, 0), 1)).toEqual([
      '2026-12-01 2026-12-01T08:00:00.000Z',
      '2026-12-01 2026-12-01T22:30:00.000Z',
    ]);
    // The day daylight saving starts (CEST, UTC+2 from 03:00): 09:00 is 07:00Z.
    expect(times(Date.UTC(2026, 2, 29, 0, 0), 1)[0]).toBe('2026-03-29 2026-03-29T07:00:00.000Z');
    // At 23:45Z on 3 Dec it is already 4 Dec in Berlin: the next slot is 09:00 on the 4th.
    expect(times(Date.UTC(2026, 11, 3, 23, 45), 1)).toEqual([
      '2026-12-04 2026-12-04T08:00:00.000Z',
      '2026-12-04 2026-12-04T22:30:00.000Z',
    ]);
  });
});

describe('errors', () => {
  it('refuses what breaks a channel’s rules', () => {
    expect(readVariant('linkedin', { text: 'a'.repeat(3_001) })).toMatchObject({ ok: false });
    expect(readVariant('x', { posts: ['a'.repeat(281)] })).toMatchObject({ ok: false });
    expect(readVariant('x', { posts: [`${'a'.repeat(256)} https://example.com/long`] })).toMatchObject({ ok: true });
    expect(readVariant('x', { posts: [`${'a'.repeat(257)} https://example.com/long`] })).toMatchObject({ ok: false });
    expect(readVariant('blog', { title: 'T', slug: 'Not A Slug', markdown: 'x' })).toMatchObject({ ok: false });
    expect(readVariant('newsletter', { subject: '', markdown: 'x' })).toMatchObject({ ok: false });
    expect(readVariant('discord', { text: 'a'.repeat(2_001) })).toEqual({
      ok: false,
      problem: 'text: at most 2000 characters',
    });
    expect(readVariant('reddit', { title: 't'.repeat(301), text: 'x' })).toEqual({
      ok: false,
      problem: 'title: at most 300 characters',
    });
    expect(readVariant('reddit', { title: 'Only a title' })).toMatchObject({ ok: false });
    expect(readVariant('blog', { title: 'T', markdown: 'x', extra: 1 })).toMatchObject({ ok: true });
    expect(parseSlot('25:00')).toBeUndefined();
    expect(parseSlot('MOO 07:00')).toBeUndefined();
    expect(slugify('¿¡!')).toBe('post');
  });
});
