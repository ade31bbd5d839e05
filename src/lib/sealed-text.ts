const encoder = new TextEncoder();
const decoder = new TextDecoder();

const VERSION = 'v1';

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** An AES-256-GCM key derived (HKDF-SHA256) from a configured secret, one per purpose. */
async function sealingKey(secret: string, purpose: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('empire-sealed-text'), info: encoder.encode(purpose) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Encrypts `text` for storage: `v1.<iv>.<ciphertext>`. `context` (e.g. the row's id) is bound in
 * as associated data, so a sealed value copied to another row does not open there.
 */
export async function sealText(secret: string, purpose: string, context: string, text: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await sealingKey(secret, purpose);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(text),
  );
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** The text `sealText` sealed, or undefined when the key, the context or the value does not match. */
export async function openText(
  secret: string,
  purpose: string,
  context: string,
  sealed: string,
): Promise<string | undefined> {
  const [version, iv, body] = sealed.split('.');
  if (version !== VERSION || !iv || !body) return undefined;
  try {
    const key = await sealingKey(secret, purpose);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: encoder.encode(context) },
      key,
      fromBase64Url(body),
    );
    return decoder.decode(plain);
  } catch {
    return undefined;
  }
}
