// Tenant staff's account routes, under /t/:tenant: the realm's definition; the routes are accountController's.
import { StaffMemberDto } from '@app/tenancy';
import { TenantStaffAccess } from '@app/core';
import { accountController, type AccountRoutes } from './account.controller';
import { TenantStaffPrincipalDto } from './dto/principal.dto';

export const TENANT_STAFF_ROUTES: AccountRoutes = {
  realm: 'tenant-staff',
  path: 't/:tenant',
  tag: 'tenant: auth',
  principal: TenantStaffPrincipalDto,
  loginOrSuspended: true,
  sessionStatus: true,
  disable: { access: TenantStaffAccess('owner'), response: StaffMemberDto },
};

export class TenantAuthController extends accountController(TENANT_STAFF_ROUTES) {}
