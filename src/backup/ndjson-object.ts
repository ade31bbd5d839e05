// One table as one R2 object of NDJSON, written in parts so a big table never sits in memory:
// lines collect into a buffer that goes out as a multipart part once it reaches R2's 5 MiB
// minimum part size. The SHA-256 is computed as the bytes pass (DigestStream).

const PART_BYTES = 5 * 1024 * 1024;
const encoder = new TextEncoder();

export interface WrittenObject {
  key: string;
  rows: number;
  bytes: number;
  sha256: string;
}

const hex = (buffer: ArrayBuffer) =>
  [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export class NdjsonObjectWriter {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private rows = 0;
  private bytes = 0;
  private upload: R2MultipartUpload | undefined;
  private parts: R2UploadedPart[] = [];
  private readonly digest = new crypto.DigestStream('SHA-256');
  private readonly hashing = this.digest.getWriter();

  constructor(
    private readonly bucket: R2Bucket,
    readonly key: string,
  ) {}

  /** Appends lines, each already a JSON text without newline. */
  async write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const chunk = encoder.encode(`${lines.join('\n')}\n`);
    await this.hashing.write(chunk);
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.bytes += chunk.length;
    this.rows += lines.length;
    if (this.buffered >= PART_BYTES) await this.flushPart();
  }

  private async flushPart(): Promise<void> {
    this.upload ??= await this.bucket.createMultipartUpload(this.key, {
      httpMetadata: { contentType: 'application/x-ndjson' },
    });
    const body = concat(this.chunks, this.buffered);
    this.chunks = [];
    this.buffered = 0;
    this.parts.push(await this.upload.uploadPart(this.parts.length + 1, body));
  }

  async close(): Promise<WrittenObject> {
    await this.hashing.close();
    const sha256 = hex(await this.digest.digest);
    if (this.upload) {
      if (this.buffered > 0) await this.flushPart();
      await this.upload.complete(this.parts);
    } else {
      await this.bucket.put(this.key, concat(this.chunks, this.buffered), {
        httpMetadata: { contentType: 'application/x-ndjson' },
        customMetadata: { sha256 },
      });
    }
    return { key: this.key, rows: this.rows, bytes: this.bytes, sha256 };
  }
}

/** Reads an NDJSON object back line by line, in batches (check it with verifyObject first). */
export async function readNdjson(
  bucket: R2Bucket,
  key: string,
  batchRows: number,
  onBatch: (lines: string[]) => Promise<void>,
): Promise<number> {
  const object = await bucket.get(key);
  if (!object) throw new Error(`backup object ${key} is missing`);
  const decoder = new TextDecoder();
  let rest = '';
  let batch: string[] = [];
  let rows = 0;
  const flush = async () => {
    rows += batch.length;
    await onBatch(batch);
    batch = [];
  };
  for await (const chunk of object.body) {
    rest += decoder.decode(chunk, { stream: true });
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.length > 0) batch.push(line);
      if (batch.length >= batchRows) await flush();
    }
  }
  rest += decoder.decode();
  if (rest.length > 0) batch.push(rest);
  if (batch.length > 0) await flush();
  return rows;
}

/** Checks an object against its manifest digest without keeping it. */
export async function verifyObject(bucket: R2Bucket, key: string, sha256: string): Promise<void> {
  const object = await bucket.get(key);
  if (!object) throw new Error(`backup object ${key} is missing`);
  const digest = new crypto.DigestStream('SHA-256');
  await object.body.pipeTo(digest);
  const actual = hex(await digest.digest);
  if (actual !== sha256) throw new Error(`backup object ${key} is damaged: sha-256 ${actual}, manifest says ${sha256}`);
}
