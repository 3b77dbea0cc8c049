// What login and session loading need to know about customers' portal accounts. The portal module owns
// those tables and registers itself with AuthService, so auth depends on no customer module.
import type { ResettableAccounts } from './password-reset.service';

/** Every method runs inside the customer's tenant scope (TenantContext). */
export interface CustomerAccounts extends ResettableAccounts {
  /** The account that may log in with this e-mail (case-insensitive), with its password hash; null when none. */
  findForLogin(email: string): Promise<{ id: string; passwordHash: string } | null>;
  /** Records a successful login (and a rehashed password when the argon2 parameters rose). */
  recordLogin(customerId: string, rehashed?: string): Promise<void>;
  /**
   * The customer as the database says now, with the tenant's slug; null when the tenant is not active, the account
   * is disabled or has no password, or the customer is gone or has no e-mail. Re-read on every portal request, so
   * it needs no tenant scope (the tenant id is the session's).
   */
  loadPrincipal(tenantId: string, customerId: string): Promise<{ id: string; email: string; tenantSlug: string } | null>;
}
