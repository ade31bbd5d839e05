const ADDRESS = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;
const NAMED = /^\s*"?([^"<>]*?)"?\s*<([^<>]+)>\s*$/;

export interface ParsedAddress {
  email: string;
  name?: string;
}

/** Parses `email@example.com` or `Name <email@example.com>`; undefined when neither. */
export function parseAddress(value: string): ParsedAddress | undefined {
  const named = NAMED.exec(value);
  if (named) {
    const email = (named[2] ?? '').trim();
    const name = (named[1] ?? '').trim();
    if (!ADDRESS.test(email)) return undefined;
    return name ? { email, name } : { email };
  }
  const bare = value.trim();
  return ADDRESS.test(bare) ? { email: bare } : undefined;
}

/** Lower-cased, trimmed: the key for suppression and duplicate checks. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}
