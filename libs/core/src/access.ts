// Who acts, and the one access check. Every service method that acts for someone takes the actor first; a rule
// finer than the route's (owner only, admin only, this tenant's own) is checked with `requireAccess`, the same
// function the global guard uses, so "who may do what" is decided in one place.
import { ForbiddenProblem, NotFoundProblem, UnauthenticatedProblem } from './problem';
import { type CustomerPrincipal, type PlatformPrincipal, type PlatformRole, type Principal, principalKey, type TenantRole, type TenantStaffPrincipal } from './principal';

/** The platform itself acting, not a person: a scheduled job, the command line, a data subject's own signed link. */
export interface SystemActor {
  kind: 'system';
  /** What the audit trail records as the actor ('scheduled', 'retention', 'cli', 'data-subject', …). */
  name: string;
}

/** Whoever a change is made for: a signed-in person or the system. */
export type Actor = Principal | SystemActor;

export const systemActor = (name: string): SystemActor => ({ kind: 'system', name });

/** The actor as the audit trail, the ledgers and the logs record it. */
export function actorKey(actor: Actor): string {
  return actor.kind === 'system' ? actor.name : principalKey(actor);
}

/**
 * What a caller must be. `tenantId` (staff and customers) also requires the principal to belong to that tenant.
 * `orSystem`: the system may do it too (the command line's onboarding, the test factories); otherwise the system
 * is refused as nobody is.
 */
export type AccessRequirement = (
  | { realm: 'platform'; roles?: readonly PlatformRole[] }
  | { realm: 'tenant-staff'; roles?: readonly TenantRole[]; tenantId?: string }
  | { realm: 'customer'; tenantId?: string }
) & { orSystem?: boolean };

type PrincipalOf<R extends AccessRequirement> =
  | (R['realm'] extends 'platform' ? PlatformPrincipal : R['realm'] extends 'tenant-staff' ? TenantStaffPrincipal : CustomerPrincipal)
  | (R extends { orSystem: true } ? SystemActor : never);

/**
 * Why a caller is refused, or null when allowed. Another tenant, or a tenant path of the other realm, is `absent`
 * (answered 404, as if the tenant did not exist); a missing role is `forbidden` (403); nobody signed in is
 * `unauthenticated` (401).
 */
export type AccessRefusal = 'unauthenticated' | 'absent' | 'forbidden';

export function accessRefusal(actor: Actor | undefined, rule: AccessRequirement): AccessRefusal | null {
  if (!actor) return 'unauthenticated';
  if (actor.kind === 'system') return rule.orSystem ? null : 'unauthenticated';
  if (rule.realm === 'platform') {
    if (actor.kind !== 'platform') return 'forbidden';
    return !rule.roles?.length || rule.roles.some((role) => actor.roles.includes(role)) ? null : 'forbidden';
  }
  if (actor.kind !== rule.realm || (rule.tenantId !== undefined && actor.tenantId !== rule.tenantId)) return 'absent';
  if (rule.realm === 'tenant-staff' && actor.kind === 'tenant-staff' && rule.roles?.length && !rule.roles.includes(actor.role)) return 'forbidden';
  return null;
}

export function refusalProblem(refusal: AccessRefusal): UnauthenticatedProblem | NotFoundProblem | ForbiddenProblem {
  return refusal === 'unauthenticated' ? new UnauthenticatedProblem() : refusal === 'absent' ? new NotFoundProblem() : new ForbiddenProblem();
}

/** The actor, narrowed to the principal the rule asks for; otherwise the problem the guard would answer. */
export function requireAccess<R extends AccessRequirement>(actor: Actor | undefined, rule: R): PrincipalOf<R> {
  const refusal = accessRefusal(actor, rule);
  if (refusal) throw refusalProblem(refusal);
  return actor as PrincipalOf<R>;
}
