// A receiver of the Worker's signed alert webhook that checks each delivery as the README tells a
// real one to: the timestamp within five minutes, the HMAC-SHA256 of "<timestamp>.<body>", and a
// delivery id not seen before. Accepted alerts are listed at /__fake/alerts, refusals (with their
// reason) at /__fake/refusals; /__fake/faults makes the next deliveries whose body contains a
// marker answer an error status.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { readBodyText, sendFakeJson } from './fake-http.ts';
import { closeServer, LOOPBACK_HOST, listenLoopback } from './ports.ts';

export interface ReceivedAlert {
  deliveryId: string;
  timestamp: number;
  body: Record<string, unknown>;
}

export interface AlertRefusal {
  deliveryId: string;
  reason: 'stale timestamp' | 'bad signature' | 'replayed delivery';
  raw: string;
}

export interface FakeAlertReceiverHandle {
  /** The URL to configure as ALERT_WEBHOOK_URL; the admin paths sit beside it. */
  url: string;
  close(): Promise<void>;
}

const MAX_SKEW_SECONDS = 300;
// Enough for a test run; the oldest go first.
const KEPT = 2_000;

function signatureMatches(secret: string, timestamp: string, raw: string, header: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const keep = <T>(list: T[], entry: T) => {
  list.push(entry);
  if (list.length > KEPT) list.shift();
};

export async function startFakeAlertReceiver(options: { port: number; secret: string }) {
  const alerts: ReceivedAlert[] = [];
  const refusals: AlertRefusal[] = [];
  const seen = new Set<string>();
  const faults: { status: number; contains: string; remaining: number }[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    (async () => {
      if (path === '/__fake/alerts') return sendFakeJson(res, 200, alerts);
      if (path === '/__fake/refusals') return sendFakeJson(res, 200, refusals);
      const raw = await readBodyText(req);
      if (path === '/__fake/faults' && req.method === 'POST') {
        const spec = JSON.parse(raw) as { status: number; contains: string; times?: number };
        faults.push({ status: spec.status, contains: spec.contains, remaining: spec.times ?? 1 });
        return sendFakeJson(res, 201, { pending: faults.length });
      }
      if (path !== '/alerts' || req.method !== 'POST') return sendFakeJson(res, 404, { error: 'not found' });
      const deliveryId = String(req.headers['x-empire-delivery'] ?? '');
      const timestamp = String(req.headers['x-empire-timestamp'] ?? '');
      const signature = String(req.headers['x-empire-signature'] ?? '');
      const refuse = (reason: AlertRefusal['reason'], status: number) => {
        keep(refusals, { deliveryId, reason, raw });
        sendFakeJson(res, status, { error: reason });
      };
      if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS)
        return refuse('stale timestamp', 401);
      if (!signatureMatches(options.secret, timestamp, raw, signature)) return refuse('bad signature', 401);
      // Only after the signature: an attacker must not be able to burn a delivery id.
      if (!deliveryId || seen.has(deliveryId)) return refuse('replayed delivery', 409);
      seen.add(deliveryId);
      const fault = faults.find((entry) => raw.includes(entry.contains));
      if (fault) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) faults.splice(faults.indexOf(fault), 1);
        return sendFakeJson(res, fault.status, { error: 'fault' });
      }
      keep(alerts, { deliveryId, timestamp: Number(timestamp), body: JSON.parse(raw) as Record<string, unknown> });
      sendFakeJson(res, 202, { accepted: deliveryId });
    })().catch(() => sendFakeJson(res, 400, { error: 'bad request' }));
  });
  const port = await listenLoopback(server, options.port);
  const handle: FakeAlertReceiverHandle = {
    url: `http://${LOOPBACK_HOST}:${port}/alerts`,
    close: () => closeServer(server),
  };
  return handle;
}
