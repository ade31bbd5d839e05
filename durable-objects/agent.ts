import { DurableObject } from 'cloudflare:workers';
import { type PingAnswer, pingStorage } from './ping';

/** One brain agent: persona, status, recent context and its live sockets. */
export class BrainAgent extends DurableObject<Env> {
  ping(): PingAnswer {
    return pingStorage(this.ctx.storage, 'BrainAgent');
  }
}
