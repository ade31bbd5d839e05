// sessionStorage, not localStorage: the JWT lives only as long as the tab, is not shared with
// other tabs or left on a shared machine after the browser closes, and the owner's API key is
// never stored at all (it is exchanged once for a token that expires in 24 hours).
const KEY = 'empire.session';

export interface Session {
  token: string;
  expiresAt: string;
  role: string;
}

export function loadSession(now = Date.now()): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || Date.parse(session.expiresAt) <= now) {
      clearSession();
      return null;
    }
    return session;
  } catch {
    clearSession();
    return null;
  }
}

export const saveSession = (session: Session) => sessionStorage.setItem(KEY, JSON.stringify(session));
export const clearSession = () => sessionStorage.removeItem(KEY);

export const hasStoredSession = () => sessionStorage.getItem(KEY) !== null;
