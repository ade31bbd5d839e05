import { createHash } from 'node:crypto';

export const DEFAULT_DIMENSIONS = 64;

/** A deterministic unit vector derived from a SHA-256 stream over the text. */
export function embed(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i + 2 <= digest.length && values.length < dimensions; i += 2) {
      values.push(digest.readUInt16BE(i) / 32767.5 - 1);
    }
  }
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  return values.map((v) => v / norm);
}

/** OpenAI's `encoding_format: 'base64'`: little-endian float32 bytes. */
export function toBase64Floats(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

export function dimensionsFrom(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 4096
    ? value
    : DEFAULT_DIMENSIONS;
}
