import { LIFECYCLE_STAGES, LifecycleStage } from './lifecycle-stage';
import { REGISTRATION_FIELDS, RegistrationField, registrationEditRefusal } from './registration-edit-policy';

/** Which fields an import may change in which stage: Y = may, otherwise the refusal's code. */
const EXPECTED: Record<LifecycleStage, { owner: string; name: string; purpose: string }> = {
  design: { owner: 'owner_held_by_lifecycle', name: 'Y', purpose: 'Y' },
  impact_assessment: { owner: 'owner_held_by_lifecycle', name: 'Y', purpose: 'under_assessment' },
  approval: { owner: 'owner_held_by_lifecycle', name: 'Y', purpose: 'under_assessment' },
  deployment: { owner: 'owner_held_by_lifecycle', name: 'Y', purpose: 'needs_material_change' },
  operation: { owner: 'owner_held_by_lifecycle', name: 'Y', purpose: 'needs_material_change' },
  periodic_review: { owner: 'owner_held_by_lifecycle', name: 'Y', purpose: 'needs_material_change' },
  rollback: { owner: 'owner_held_by_lifecycle', name: 'Y', purpose: 'needs_material_change' },
  retirement: { owner: 'record_closed', name: 'record_closed', purpose: 'record_closed' },
  retired: { owner: 'record_closed', name: 'record_closed', purpose: 'record_closed' },
  rejected: { owner: 'record_closed', name: 'record_closed', purpose: 'record_closed' },
};

const answer = (field: RegistrationField, stage: LifecycleStage, started = true) => registrationEditRefusal(field, stage, started)?.code ?? 'Y';

describe('which registration fields an import may change', () => {
  it.each(LIFECYCLE_STAGES)('in %s', (stage) => {
    expect({
      owner: answer('accountableOwnerId', stage),
      name: answer('name', stage),
      purpose: answer('purpose', stage),
    }).toEqual(EXPECTED[stage]);
  });

  it('treats every descriptive field like the purpose and the business unit like the name', () => {
    for (const stage of LIFECYCLE_STAGES) {
      for (const field of REGISTRATION_FIELDS) {
        const like = field === 'accountableOwnerId' ? 'accountableOwnerId' : field === 'name' || field === 'businessUnit' ? 'name' : 'purpose';
        expect({ field, stage, code: answer(field, stage) }).toEqual({ field, stage, code: answer(like, stage) });
      }
    }
  });

  it('allows everything before the lifecycle workflow has started', () => {
    for (const field of REGISTRATION_FIELDS) expect(answer(field, 'design', false)).toBe('Y');
  });
});
