export * from './tenancy.module';
export * from './tenancy.service';
export * from './tenant-members.service';
export * from './tenant-context';
export * from './tenancy.errors';
export * from './migrations.service';
export * from './audit-trail.service';
export * from './tenant-placement.service';
export * from './schema-pool.service';
export { OnboardTenantDto, UpdateTenantDto } from './dto/onboard-tenant.dto';
export { StaffMemberDto, InvitedStaffMemberDto } from './dto/staff.dto';
import { Tenant } from './tenant.entity';
import { AuditEvent, Invitation, StaffUser } from './staff-user.entity';

/** For the ORM's entity list only; other modules go through the services. */
export const tenancyEntities = [Tenant, StaffUser, Invitation, AuditEvent];
export * from './customer-erasure-step';
