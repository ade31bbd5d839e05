// What `pg` resolves to in the Worker's bundle (wrangler.toml [alias]): its JavaScript client and
// pool, bound as pg's own index binds them, without the index's lazy `native` binding (libpq
// cannot load in a Worker). The same client modules as `pg` everywhere else. JavaScript, as pg's
// internal modules have no types.
import Pool from 'pg-pool';
import { DatabaseError } from 'pg-protocol';
import types from 'pg-types';
import Client from '../../node_modules/pg/lib/client.js';

class BoundPool extends Pool {
  constructor(options) {
    super(options, Client);
  }
}

export { BoundPool as Pool, Client, DatabaseError, types };
export default { Pool: BoundPool, Client, DatabaseError, types };
