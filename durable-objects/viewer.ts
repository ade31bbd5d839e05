import { roles } from '../src/auth/api-keys';
import type { Viewer } from '../src/auth/scoping';

/** Set by the Worker on the request it forwards to an object's socket; never taken from outside. */
const VIEWER_HEADER = 'x-empire-viewer';

/** The socket request as forwarded to a Durable Object, naming who will watch it. */
export function viewerRequest(request: Request, viewer: Viewer): Request {
  const forwarded = new Request(request);
  forwarded.headers.set(VIEWER_HEADER, JSON.stringify({ role: viewer.role, clientId: viewer.clientId }));
  return forwarded;
}

/** Nobody in particular: sees what readonly keys see of other clients, which is aggregates. */
const NOBODY: Viewer = { role: 'readonly', clientId: '' };

export function viewerOf(request: Request): Viewer {
  try {
    const parsed = JSON.parse(request.headers.get(VIEWER_HEADER) ?? '') as Partial<Viewer>;
    if (typeof parsed.clientId === 'string' && roles.includes(parsed.role as Viewer['role'])) {
      return { role: parsed.role as Viewer['role'], clientId: parsed.clientId };
    }
  } catch {
    // Falls through to the narrowest view.
  }
  return NOBODY;
}

/** The viewer a hibernating socket was accepted for (its attachment). */
export function socketViewer(socket: WebSocket): Viewer {
  const attached = socket.deserializeAttachment() as Partial<Viewer> | null;
  return attached && typeof attached.clientId === 'string' && roles.includes(attached.role as Viewer['role'])
    ? (attached as Viewer)
    : NOBODY;
}
