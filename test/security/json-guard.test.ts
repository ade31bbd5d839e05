import { describe, expect, it } from 'vitest';
import { jsonHazard, MAX_JSON_DEPTH } from '../../workers/http/json-guard';

describe('security', () => {
  it('refuses depth past the limit and NUL escapes, counting only outside strings', () => {
    expect(jsonHazard(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBeUndefined();
    expect(jsonHazard(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toMatch(/nested/);
    expect(jsonHazard(JSON.stringify({ text: '['.repeat(500) }))).toBeUndefined();
    expect(jsonHazard(JSON.stringify({ text: 'a\u0000b' }))).toMatch(/NUL/);
  });

  it('is not fooled by escaped quotes and backslashes', () => {
    // An escaped backslash followed by the letters u0000 is text, not a NUL.
    expect(jsonHazard(JSON.stringify({ text: '\\u0000' }))).toBeUndefined();
    expect(jsonHazard(JSON.stringify({ text: '"[[[[' }))).toBeUndefined();
    expect(jsonHazard(`{"a":"\\"${'{'.repeat(100)}"}`)).toBeUndefined();
  });
});
