import type { Scope } from './scopes';
import type { WindowKind } from './windows';

/** The cap a call ran into, so the caller can say which limit refused it and when to retry. */
export interface Refusal {
  scope: Scope;
  window: WindowKind;
  capMicros: number;
  spentMicros: number;
  reservedMicros: number;
  requestedMicros: number;
  /** Epoch ms when the call may fit: soon if only reservations block it, else the next window. */
  retryAt: number;
}

export interface LeaseGrant {
  leaseId: string;
  grantedMicros: number;
  /** After this the ledger counts whatever is still held as spent: a lost holder never frees budget it may have used. */
  expiresAt: number;
}

export type DrawResult = { ok: true; lease: LeaseGrant; alerts: BudgetAlert[] } | { ok: false; refusal: Refusal };

export interface LeaseReturn {
  leaseId: string;
  /** Budget reserved but never handed to a call: given back now. */
  unusedMicros: number;
}

export interface LeaseClose {
  leaseId: string;
  spentMicros: number;
  calls: number;
}

export interface BudgetAlert {
  scope: Scope;
  window: WindowKind;
  windowKey: string;
  /** 50, 80 or 100 (% of the cap), or 'p1' for daily spend past the P1 line. */
  threshold: 50 | 80 | 100 | 'p1';
  spentMicros: number;
  limitMicros: number;
  firedAt: number;
}

export interface ScopeUsage {
  scope: Scope;
  window: WindowKind;
  windowKey: string;
  capMicros: number | null;
  spentMicros: number;
  reservedMicros: number;
  calls: number;
}

export interface BudgetSnapshot {
  at: number;
  usage: ScopeUsage[];
  alerts: BudgetAlert[];
}

export interface DrawRequest {
  scopes: Scope[];
  /** What the holder would like to hold, to serve several calls without asking again. */
  wantMicros: number;
  /** The call at hand: less than this is a refusal. */
  minMicros: number;
  /** Unused budget of the holder's previous lease, given back in the same step. */
  returning?: LeaseReturn;
  at: number;
}

/** The ledger as the Worker reaches it: the Durable Object's RPC methods. */
export interface LedgerClient {
  draw(request: DrawRequest): Promise<DrawResult>;
  close(close: LeaseClose): Promise<{ alerts: BudgetAlert[] }>;
}
