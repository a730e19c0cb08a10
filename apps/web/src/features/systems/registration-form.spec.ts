import { EMPTY_DRAFT, linesOf, missingOnStep, stepOfField, toRegistration, WIZARD_STEPS, type RegistrationDraft } from './registration-form';

const filled: RegistrationDraft = {
  ...EMPTY_DRAFT,
  name: ' Order chatbot ',
  purpose: 'Answer questions about orders',
  intendedUse: 'Web shop self-service',
  businessUnit: 'Customer Service',
  modelType: 'large language model',
  vendorType: 'third_party',
  vendorName: 'Acme AI',
  autonomyLevel: 'human_on_the_loop',
  deploymentContext: 'public website',
  dataSources: 'order database\n\n  FAQ pages  \n',
  dataCategories: 'contact data',
  personalData: 'yes',
  specialCategoryData: 'no',
  affectedStakeholders: 'customers\nagents',
};

describe('registration form', () => {
  it('asks for every field of the registration on some step', () => {
    const asked = WIZARD_STEPS.flatMap((step) => step.fields).sort();
    expect(asked).toEqual(Object.keys(EMPTY_DRAFT).sort());
  });

  it('builds the request body, lists one entry per line', () => {
    expect(toRegistration(filled)).toEqual({
      name: 'Order chatbot',
      purpose: 'Answer questions about orders',
      intendedUse: 'Web shop self-service',
      businessUnit: 'Customer Service',
      modelType: 'large language model',
      vendorType: 'third_party',
      vendorName: 'Acme AI',
      autonomyLevel: 'human_on_the_loop',
      deploymentContext: 'public website',
      dataSources: ['order database', 'FAQ pages'],
      dataCategories: ['contact data'],
      personalData: true,
      specialCategoryData: false,
      affectedStakeholders: ['customers', 'agents'],
    });
    expect(toRegistration({ ...filled, accountableOwnerId: 'u-1' }).accountableOwnerId).toBe('u-1');
    // a vendor typed before switching to in-house is not sent; a blank third party is the API's to refuse
    expect(toRegistration({ ...filled, vendorType: 'in_house' })).not.toHaveProperty('vendorName');
    expect(toRegistration({ ...filled, vendorName: '  ' })).not.toHaveProperty('vendorName');
  });

  it('sends a scope only when one was entered, its autonomy the human control chosen unless set', () => {
    expect(toRegistration(filled)).not.toHaveProperty('scope');
    expect(toRegistration({ ...filled, scopeTools: 'crm.search\norders.lookup', scopeDataCategories: 'customer_contact' }).scope).toEqual({
      dataCategories: ['customer_contact'],
      tools: ['crm.search', 'orders.lookup'],
      decisions: [],
      autonomy: 'human_on_the_loop',
    });
    expect(toRegistration({ ...filled, scopeAutonomy: 'advisory' }).scope).toEqual({ dataCategories: [], tools: [], decisions: [], autonomy: 'advisory' });
  });

  it('finds the step of an API error, nested fields included', () => {
    expect(stepOfField('name')).toBe(0);
    expect(stepOfField('accountableOwnerId')).toBe(0);
    expect(stepOfField('vendorName')).toBe(1);
    expect(stepOfField('dataSources')).toBe(2);
    expect(stepOfField('dataSources.3')).toBe(2);
    expect(stepOfField('affectedStakeholders[0]')).toBe(2);
    expect(stepOfField('scope.tools')).toBe(3);
    expect(stepOfField('scope')).toBe(3);
    expect(stepOfField('colour')).toBe(4);
    expect(stepOfField(undefined)).toBe(4);
  });

  it('holds a step back only for a missing required answer', () => {
    expect(missingOnStep(WIZARD_STEPS[0]!, EMPTY_DRAFT)).toEqual({
      name: expect.any(String),
      purpose: expect.any(String),
      intendedUse: expect.any(String),
      businessUnit: expect.any(String),
    });
    expect(missingOnStep(WIZARD_STEPS[1]!, { ...filled, vendorName: '' })).toEqual({});
    expect(missingOnStep(WIZARD_STEPS[2]!, { ...filled, personalData: '' })).toEqual({ personalData: expect.any(String) });
    expect(linesOf(' a \n\nb')).toEqual(['a', 'b']);
  });
});
