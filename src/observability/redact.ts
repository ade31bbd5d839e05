const SECRET_KEY = /authorization|cookie|api[-_]?key|token|secret|password|signature/i;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
// Keys the product itself issues ("emp_...") and common provider key shapes.
const KEY_LIKE = /\b(emp|sk|sk-ant|xox[bp])[-_][A-Za-z0-9_-]{8,}/g;
// A JWT on its own, without "Bearer" before it (a token pasted into a body or a note).
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

// What every pattern above starts with: text without any of these is returned as it is, which is
// most text (the access log writes several strings a request).
const MAYBE_SECRET = /Bearer|Basic|emp[-_]|sk[-_]|xox[bp]|eyJ/;

/** Returns a copy safe to log: secret-looking fields masked, bearer tokens and keys cut out of text. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') {
    if (!MAYBE_SECRET.test(value)) return value;
    return value
      .replace(BEARER, '$1 [redacted]')
      .replace(KEY_LIKE, '$1_[redacted]')
      .replace(JWT_LIKE, '[redacted-jwt]');
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(inner, depth + 1);
    }
    return out;
  }
  return value;
}
