// The requests module's part of an erasure: the requests stay as the record of what was asked and done, but
// their free text (which may name the person) is cleared, and the verification codes (whose address hashes
// point at the person) and unspent export links (which would lead to nothing) go.
import { type CustomerErasureStep, inUuids } from '@app/tenancy';

export const requestsErasure: CustomerErasureStep = {
  does: "the free text of the person's requests cleared; their verification codes and export links deleted; the requests kept as records",

  async eraseCustomers({ execute, schema }, customerIds) {
    const ids = JSON.stringify(customerIds);
    await execute(`delete from ${schema}.request_verification_code where request_id in (select id from ${schema}.data_subject_request where ${inUuids('customer_id')})`, [ids]);
    await execute(`delete from ${schema}.request_export_link where request_id in (select id from ${schema}.data_subject_request where ${inUuids('customer_id')})`, [ids]);
    await execute(`update ${schema}.data_subject_request set details = null where ${inUuids('customer_id')} and details is not null`, [ids]);
  },
};
