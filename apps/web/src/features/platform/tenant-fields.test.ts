import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { businessIdMessage, detailChanges, EMPTY_TENANT, mergeTenant, slugFrom, tenantFormErrors } from './tenant-fields';

const base = { ...EMPTY_TENANT, slug: 'studio', legalName: 'Studio Oy', city: 'Espoo', contactPerson: 'Aino' };

describe('tenant fields', () => {
  it('checks the business ID as typed: quiet while short, then the shape or the check digit', () => {
    expect(businessIdMessage('283', false)).toBeNull();
    expect(businessIdMessage('283', true)).toBe('platform.tenant.error.businessIdFormat');
    expect(businessIdMessage('2832233-4', false)).toBe('platform.tenant.error.businessIdCheck');
    expect(businessIdMessage('2832233-5', false)).toBeNull();
    expect(businessIdMessage('', true)).toBeNull();
  });

  it('suggests a slug from the name', () => {
    expect(slugFrom('Kauneushoitola Ääkkönen & Co')).toBe('kauneushoitola-aakkonen-co');
  });

  it('sends only what the user changed', () => {
    expect(detailChanges(base, { ...base, city: ' Helsinki ' })).toEqual({ city: 'Helsinki' });
    expect(detailChanges(base, base)).toEqual({});
  });

  it('keeps my edits where the other person left the field alone, and names the clashes', () => {
    const mine = { ...base, city: 'Helsinki', contactPerson: 'Mikko' };
    const theirs = { ...base, city: 'Turku', legalName: 'Studio Ab' };
    const merge = mergeTenant(base, mine, theirs);
    expect(merge.values).toMatchObject({ city: 'Turku', legalName: 'Studio Ab', contactPerson: 'Mikko' });
    expect(merge.clashes).toEqual([{ field: 'city', mine: 'Helsinki', theirs: 'Turku' }]);
    expect(merge.theirChanges.map((c) => c.field)).toEqual(['legalName', 'city']);
  });

  it("puts the API's errors beside their fields, in the console's words", () => {
    const t = (id: string) => id;
    const invalid = new ApiError('validation', 400, { type: 'x/validation', title: 'x', status: 400, errors: [{ field: 'businessId', message: 'bad' }, { field: 'tenantId', message: 'unknown' }] });
    expect(tenantFormErrors(invalid, t)).toEqual({ byField: { businessId: 'platform.tenant.error.businessIdCheck' }, form: ['unknown'] });
    const taken = new ApiError('conflict', 409, { type: 'x/tenant-slug-taken', title: 'x', status: 409 });
    expect(tenantFormErrors(taken, t).byField).toEqual({ slug: 'platform.tenant.error.slugTaken' });
  });
});
