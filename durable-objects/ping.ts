/** The answer every Durable Object gives to the health check's ping RPC. */
export interface PingAnswer {
  ok: boolean;
  className: string;
  at: number;
}

/** Touches SQLite storage so a ping proves the object's storage works, not just its isolate. */
export function pingStorage(storage: DurableObjectStorage, className: string): PingAnswer {
  const row = storage.sql.exec<{ ok: number }>('select 1 as ok').one();
  return { ok: row.ok === 1, className, at: Date.now() };
}
