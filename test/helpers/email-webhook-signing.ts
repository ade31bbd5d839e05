import { env } from 'cloudflare:workers';

// Signs webhook bodies as Resend (through Svix) and SendGrid sign theirs, with the test run's
// secret and key pair (test/setup/email-webhooks.ts).

const encoder = new TextEncoder();
const base64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const bytesOf = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
export const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** Svix's headers for `body`, signed as Resend signs (HMAC-SHA256 of "id.timestamp.body"). */
export async function resendHeaders(
  body: string,
  options: { id?: string; timestamp?: string; secret?: string } = {},
): Promise<Record<string, string>> {
  const id = options.id ?? `msg_${crypto.randomUUID().replaceAll('-', '')}`;
  const timestamp = options.timestamp ?? nowSeconds();
  const secret = options.secret ?? env.RESEND_WEBHOOK_SECRET;
  const key = await crypto.subtle.importKey(
    'raw',
    bytesOf(secret.replace(/^whsec_/, '')),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestamp}.${body}`));
  return {
    'svix-id': id,
    'svix-timestamp': timestamp,
    'svix-signature': `v1,${base64(mac)}`,
    'content-type': 'application/json',
  };
}

/** An unsigned big-endian integer as a DER INTEGER. */
function derInteger(value: Uint8Array): number[] {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start += 1;
  const digits = [...value.subarray(start)];
  if ((digits[0] ?? 0) >= 0x80) digits.unshift(0);
  return [0x02, digits.length, ...digits];
}

/** SendGrid's headers for `body`: an ECDSA P-256 signature in DER over timestamp + body. */
export async function sendgridHeaders(body: string, timestamp = nowSeconds()): Promise<Record<string, string>> {
  const key = await crypto.subtle.importKey(
    'pkcs8',
    bytesOf(env.SENDGRID_TEST_PRIVATE_KEY),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const raw = new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, encoder.encode(`${timestamp}${body}`)),
  );
  const sequence = [...derInteger(raw.subarray(0, 32)), ...derInteger(raw.subarray(32))];
  return {
    'X-Twilio-Email-Event-Webhook-Signature': base64(new Uint8Array([0x30, sequence.length, ...sequence])),
    'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
    'content-type': 'application/json',
  };
}
