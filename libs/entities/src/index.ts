// Every entity the ORM maps, for the API and the CLI alike: a list kept per app once missed the portal's, which
// fails only at run time, in the CLI, when a job it runs touches a portal account.
import { tenancyEntities } from '@app/tenancy';
import { authEntities } from '@app/auth';
import { customersEntities } from '@app/customers';
import { billingEntities } from '@app/billing';
import { consentEntities } from '@app/consent';
import { requestsEntities } from '@app/requests';
import { privacyNoticeEntities } from '@app/privacy-notice';
import { portalEntities } from '@app/portal';

export const ENTITIES = [...tenancyEntities, ...authEntities, ...customersEntities, ...billingEntities, ...consentEntities, ...requestsEntities, ...privacyNoticeEntities, ...portalEntities];
