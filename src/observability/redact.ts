const SECRET_KEY = /authorization|cookie|api[-_]?key|token|secret|password|signature/i;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
// Keys the product itself issues ("emp_...") and common provider key shapes.
const KEY_LIKE = /\b(emp|sk|sk-ant|xox[bp])[-_][A-Za-z0-9_-]{8,}/g;
// A JWT on its own, without "Bearer" before it (a token pasted into a body or a note).
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

// A secret carried in a URL path, for senders that cannot sign (Gumroad's ping URL).
const SECRET_PATH = /(\/webhooks\/gumroad\/)[^/?#\s"]+/g;
// A Telegram bot token (`<bot id>:<secret>`), which the Bot API takes in its URL path
// (`/bot<token>/sendMessage`): any shape after `/bot<id>:`, and the real shape anywhere.
const TELEGRAM_TOKEN_PATH = /(\/bot\d+:)[^/?#\s"]+/g;
const TELEGRAM_TOKEN = /\b(\d{5,}:)[A-Za-z0-9_-]{30,}/g;
// A secret in a query string (`?token=`, `&api_key=`, `?key=`, `?sig=`), as an upstream URL in an
// error message carries it: the parameter's name stays, its value goes. `key` only as the name's
// last word, so `?keyword=` stays readable.
const SECRET_QUERY =
  /([?&](?:[\w.-]*(?:token|secret|password|passwd|signature|credential)[\w.-]*|(?:[\w.-]*[_.-])?(?:api)?key|sig|code|auth)=)[^&#\s"']+/gi;

// What every pattern above contains: text without any of these is returned as it is, which is
// most text (the access log writes several strings a request).
const MAYBE_SECRET = /Bearer|Basic|emp[-_]|sk[-_]|xox[bp]|eyJ|\/webhooks\/gumroad\/|\/bot\d|\d:[\w-]{30}/;
const MAYBE_SECRET_QUERY = /[?&][\w.-]*(?:token|secret|pass|sig|credential|key|code|auth)[\w.-]*=/i;

/** Text with bearer tokens and keys cut out; text that holds none is returned as it is. */
function redactText(text: string): string {
  if (!MAYBE_SECRET.test(text) && !MAYBE_SECRET_QUERY.test(text)) return text;
  return text
    .replace(BEARER, '$1 [redacted]')
    .replace(KEY_LIKE, '$1_[redacted]')
    .replace(JWT_LIKE, '[redacted-jwt]')
    .replace(SECRET_PATH, '$1[redacted]')
    .replace(TELEGRAM_TOKEN_PATH, '$1[redacted]')
    .replace(TELEGRAM_TOKEN, '$1[redacted]')
    .replace(SECRET_QUERY, '$1[redacted]');
}

/**
 * Returns `value` safe to log: secret-looking fields masked, bearer tokens and keys cut out of
 * text. Whatever needs a change is copied; the rest is returned as it is, since the logger writes
 * several entries a request and almost none of them hold a secret.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const safe = redact(item, depth + 1);
      if (safe === item) return;
      copy ??= [...value];
      copy[index] = safe;
    });
    return copy ?? value;
  }
  if (value && typeof value === 'object') {
    const fields = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key in fields) {
      if (!Object.hasOwn(fields, key)) continue;
      const inner = fields[key];
      const safe = SECRET_KEY.test(key) ? '[redacted]' : redact(inner, depth + 1);
      if (safe === inner) continue;
      copy ??= { ...fields };
      copy[key] = safe;
    }
    return copy ?? value;
  }
  return value;
}
