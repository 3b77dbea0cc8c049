// Fields this application adds to Express requests.
import 'express';
import type { Principal } from './principal';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    /** The tenant slug of the path, once the guard has matched it against the session. */
    tenantSlug?: string;
    /** The principal resolved by the access guard (fresh from the database). */
    principal?: Principal;
  }
}
