import { webcrypto } from 'node:crypto';

/** Resend's signing secret in the tests (whsec_ and base64 of 24 bytes, as Resend shows one). */
export const RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from('test-resend-webhook-key!').toString('base64')}`;

/**
 * A P-256 key pair made for this test run, standing in for the one SendGrid makes: the Worker gets
 * the public half as SendGrid shows it (base64 SubjectPublicKeyInfo), the tests sign with the
 * private half (base64 PKCS#8).
 */
export async function sendgridTestKeys(): Promise<{ publicKey: string; privateKey: string }> {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const publicKey = Buffer.from(await webcrypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
  const privateKey = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey)).toString('base64');
  return { publicKey, privateKey };
}
