import { DurableObject } from 'cloudflare:workers';
import { type PingAnswer, pingStorage } from './ping';

/** One swarm run: its jobs' progress, results and completion. */
export class SwarmRun extends DurableObject<Env> {
  ping(): PingAnswer {
    return pingStorage(this.ctx.storage, 'SwarmRun');
  }
}
