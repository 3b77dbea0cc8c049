// The customers module's part of an erasure, the last step: the record itself. What references it goes by the
// foreign keys' cascades (consent events, portal account and invitations, the retention review flag).
import { type CustomerErasureStep, inUuids } from '@app/tenancy';

export const customersErasure: CustomerErasureStep = {
  does: 'the customer record deleted; consent events, portal account and invitations and review flags cascade with it',

  async eraseCustomers({ execute, schema }, customerIds) {
    await execute(`delete from ${schema}.customer where ${inUuids('id')}`, [JSON.stringify(customerIds)]);
  },
};
