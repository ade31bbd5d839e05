// Request checks of the fake email server, worded as Resend and SendGrid word them.
export interface Problem {
  message: string;
  field?: string | null;
}

const ADDRESS = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;
const NAMED = /^[^<>]*<([^<>]+)>$/;
const FROM_FORMAT = 'The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.';

function isAddress(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const named = NAMED.exec(value.trim());
  return ADDRESS.test(named ? (named[1] ?? '').trim() : value.trim());
}

const isText = (value: unknown) => typeof value === 'string' && value.length > 0;

export function checkResend(body: Record<string, unknown>): Problem | undefined {
  if (body.from === undefined) return { message: 'Missing `from` field.' };
  if (!isAddress(body.from)) return { message: `Invalid \`from\` field. ${FROM_FORMAT}` };
  const to = typeof body.to === 'string' ? [body.to] : body.to;
  if (!Array.isArray(to) || to.length === 0) return { message: 'Missing `to` field.' };
  if (to.length > 50) return { message: 'Invalid `to` field. You can only send to up to 50 recipients.' };
  if (!to.every(isAddress)) return { message: `Invalid \`to\` field. ${FROM_FORMAT}` };
  if (!isText(body.subject)) return { message: 'Missing `subject` field.' };
  if (!isText(body.html) && !isText(body.text) && body.template === undefined) {
    return { message: 'Missing `html` or `text` field.' };
  }
  if (body.headers !== undefined && (typeof body.headers !== 'object' || body.headers === null)) {
    return { message: 'Invalid `headers` field.' };
  }
  return undefined;
}

export function checkSendgrid(body: Record<string, unknown>): Problem | undefined {
  const personalizations = body.personalizations;
  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    return {
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
    };
  }
  for (const [index, item] of personalizations.entries()) {
    const to = (item as { to?: unknown }).to;
    if (!Array.isArray(to) || to.length === 0) {
      return {
        message:
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
        field: `personalizations.${index}.to`,
      };
    }
    if (!to.every((entry: unknown) => ADDRESS.test(String((entry as { email?: unknown }).email ?? '')))) {
      return { message: 'Does not contain a valid address.', field: `personalizations.${index}.to` };
    }
  }
  const from = body.from as { email?: unknown } | undefined;
  if (!from || typeof from !== 'object') {
    return {
      message:
        'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.',
      field: 'from',
    };
  }
  if (!ADDRESS.test(String(from.email ?? ''))) {
    return { message: 'The from email does not contain a valid address.', field: 'from.email' };
  }
  const perSubject = personalizations.every((item) => isText((item as { subject?: unknown }).subject));
  if (!isText(body.subject) && !perSubject) {
    return {
      message:
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      field: 'subject',
    };
  }
  const content = body.content;
  if (body.template_id === undefined) {
    if (!Array.isArray(content) || content.length === 0) {
      return {
        message:
          'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.',
        field: 'content',
      };
    }
    const first = content[0] as { type?: unknown; value?: unknown };
    if (content.length > 1 && first.type !== 'text/plain') {
      return {
        message: 'If present, text/plain content must be first, followed by any other content.',
        field: 'content.0.type',
      };
    }
    if (!content.every((block: unknown) => isText((block as { value?: unknown }).value))) {
      return {
        message: 'The content value must be a string at least one character in length.',
        field: 'content.0.value',
      };
    }
  }
  return undefined;
}

export function recipientsOf(provider: 'resend' | 'sendgrid', body: Record<string, unknown>): string[] {
  const strip = (value: string) => {
    const named = NAMED.exec(value.trim());
    return (named ? (named[1] ?? '') : value).trim().toLowerCase();
  };
  if (provider === 'resend') {
    const to = typeof body.to === 'string' ? [body.to] : (body.to as string[]);
    return to.map(strip);
  }
  return (body.personalizations as { to: { email: string }[] }[]).flatMap((item) =>
    item.to.map((entry) => entry.email.toLowerCase()),
  );
}
