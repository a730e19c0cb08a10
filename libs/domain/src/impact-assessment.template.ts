/**
 * Version 2026-11.1 of the impact assessment questionnaire, as it was built in before the
 * questionnaire became versioned data (config/questionnaire/impact-assessment.json and the
 * versions the governance office publishes: libs/domain/src/questionnaire). Questions follow the
 * EU AI Act's own tests (Art. 5 prohibited practices, Art. 6 with Annex I and III, Art. 50
 * transparency) plus the context ISO/IEC 42005 asks an impact assessment to record.
 *
 * Kept, with risk-assessment.ts, because lifecycle histories recorded before versions existed
 * submitted answers without a questionnaire and replay through these rules; a spec
 * (questionnaire/questionnaire.spec.ts) holds the data file to exactly the same questions and
 * tiers. New code reads the version in force instead.
 */
export interface AssessmentOption {
  value: string;
  label: string;
}

export interface AssessmentQuestion {
  id: string;
  section: string;
  text: string;
  help?: string;
  type: 'boolean' | 'choice' | 'multi_choice' | 'text';
  options?: AssessmentOption[];
  required: boolean;
}

export const ANNEX_III_AREAS: AssessmentOption[] = [
  { value: 'none', label: 'None of these' },
  { value: 'biometrics', label: 'Biometrics (remote identification, categorisation, emotion recognition)' },
  { value: 'critical_infrastructure', label: 'Safety component of critical infrastructure (traffic, water, gas, heating, electricity, digital)' },
  { value: 'education', label: 'Education and vocational training (admission, assessment, proctoring)' },
  { value: 'employment', label: 'Employment and workers management (recruitment, promotion, termination, task allocation, monitoring)' },
  { value: 'essential_services', label: 'Essential private and public services (benefits, creditworthiness, life and health insurance pricing, emergency dispatch)' },
  { value: 'law_enforcement', label: 'Law enforcement' },
  { value: 'migration', label: 'Migration, asylum and border control' },
  { value: 'justice_democracy', label: 'Administration of justice and democratic processes (including influencing elections)' },
];

export const IMPACT_ASSESSMENT_TEMPLATE: { version: string; questions: AssessmentQuestion[] } = {
  version: '2026-11.1',
  questions: [
    { id: 'art5_manipulation', section: 'Prohibited practices (Art. 5)', type: 'boolean', required: true,
      text: 'Does the system use subliminal, manipulative or deceptive techniques that materially distort people\'s behaviour in a way likely to cause significant harm?' },
    { id: 'art5_exploit_vulnerabilities', section: 'Prohibited practices (Art. 5)', type: 'boolean', required: true,
      text: 'Does it exploit vulnerabilities due to age, disability or a social or economic situation to distort behaviour, causing significant harm?' },
    { id: 'art5_social_scoring', section: 'Prohibited practices (Art. 5)', type: 'boolean', required: true,
      text: 'Does it score people on their social behaviour or personal traits, leading to detrimental treatment in unrelated contexts or out of proportion?' },
    { id: 'art5_crime_prediction_profiling', section: 'Prohibited practices (Art. 5)', type: 'boolean', required: true,
      text: 'Does it predict whether a person will commit a crime based solely on profiling or personality traits?' },
    { id: 'art5_face_scraping', section: 'Prohibited practices (Art. 5)', type: 'boolean', required: true,
      text: 'Does it build or expand facial recognition databases by untargeted scraping of images from the internet or CCTV?' },
    { id: 'art5_emotion_workplace_education', section: 'Prohibited practices (Art. 5)', type: 'boolean', required: true,
      text: 'Does it recognise emotions of people at work or in education (other than for medical or safety reasons)?' },
    { id: 'art5_biometric_sensitive_categorisation', section: 'Prohibited practices (Art. 5)', type: 'boolean', required: true,
      text: 'Does it categorise people by biometric data to infer race, political opinions, union membership, beliefs, sex life or sexual orientation?' },
    { id: 'art5_realtime_rbi_law_enforcement', section: 'Prohibited practices (Art. 5)', type: 'boolean', required: true,
      text: 'Does it perform real-time remote biometric identification in publicly accessible spaces for law enforcement?' },
    { id: 'annex3_area', section: 'High-risk classification (Art. 6, Annex III)', type: 'choice', required: true, options: ANNEX_III_AREAS,
      text: 'Is the system intended to be used in one of these areas?' },
    { id: 'annex1_safety_component', section: 'High-risk classification (Art. 6, Annex I)', type: 'boolean', required: true,
      text: 'Is it a safety component of a product (or itself a product) covered by EU harmonisation law that needs third-party conformity assessment (machinery, medical devices, toys, vehicles, ...)?' },
    { id: 'art6_3_derogation', section: 'High-risk classification (Art. 6(3))', type: 'choice', required: true,
      help: 'Art. 6(3) lets an Annex III system be not high-risk when it poses no significant risk of harm; never when it profiles people.',
      options: [
        { value: 'none', label: 'No derogation claimed' },
        { value: 'narrow_procedural_task', label: 'It performs a narrow procedural task' },
        { value: 'improves_prior_human_activity', label: 'It improves the result of a previously completed human activity' },
        { value: 'detects_patterns_without_replacing_review', label: 'It detects decision patterns without replacing or influencing human assessment without review' },
        { value: 'preparatory_task', label: 'It performs a preparatory task to an assessment' },
      ],
      text: 'Do you claim that, although in an Annex III area, it is not high-risk?' },
    { id: 'profiles_natural_persons', section: 'High-risk classification (Art. 6(3))', type: 'boolean', required: true,
      text: 'Does the system profile natural persons (automated evaluation of personal aspects such as work performance, economic situation, health, preferences, behaviour or location)?' },
    { id: 'art50_interacts_with_people', section: 'Transparency (Art. 50)', type: 'boolean', required: true,
      text: 'Does it interact directly with people (for example a chatbot or voice assistant)?' },
    { id: 'art50_generates_synthetic_content', section: 'Transparency (Art. 50)', type: 'boolean', required: true,
      text: 'Does it generate synthetic audio, image, video or text content?' },
    { id: 'art50_deepfake', section: 'Transparency (Art. 50)', type: 'boolean', required: true,
      text: 'Does it generate or manipulate image, audio or video content resembling real people, objects or events (deep fakes)?' },
    { id: 'art50_emotion_or_biometric_categorisation', section: 'Transparency (Art. 50)', type: 'boolean', required: true,
      text: 'Does it recognise emotions or categorise people by biometric data, outside the prohibited cases?' },
    { id: 'automated_decisions_legal_effect', section: 'Context (ISO/IEC 42005)', type: 'boolean', required: true,
      text: 'Does it take decisions with legal or similarly significant effects on people without a human reviewing each decision?' },
    { id: 'vulnerable_groups', section: 'Context (ISO/IEC 42005)', type: 'multi_choice', required: false,
      options: [
        { value: 'children', label: 'Children' },
        { value: 'elderly', label: 'Elderly people' },
        { value: 'persons_with_disabilities', label: 'Persons with disabilities' },
        { value: 'economically_vulnerable', label: 'People in a difficult economic situation' },
        { value: 'employees', label: 'Employees (power imbalance)' },
      ],
      text: 'Which vulnerable groups may be affected?' },
    { id: 'affected_people_scale', section: 'Context (ISO/IEC 42005)', type: 'choice', required: true,
      options: [
        { value: 'under_100', label: 'Fewer than 100' },
        { value: 'under_10000', label: '100 to 10,000' },
        { value: 'over_10000', label: 'More than 10,000' },
      ],
      text: 'How many people are affected by the system\'s outputs each year?' },
    { id: 'human_oversight', section: 'Context (ISO/IEC 42005)', type: 'choice', required: true,
      options: [
        { value: 'human_in_the_loop', label: 'A person approves every output before it takes effect' },
        { value: 'human_on_the_loop', label: 'A person monitors and can intervene' },
        { value: 'none', label: 'No routine human oversight' },
      ],
      text: 'What human oversight is in place?' },
    { id: 'mitigations', section: 'Context (ISO/IEC 42005)', type: 'text', required: false,
      text: 'Which measures reduce the risks identified (testing, monitoring, fallback, human review)?' },
  ],
};
