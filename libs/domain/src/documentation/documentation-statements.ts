/**
 * What the engine cannot derive from its own records but the Annex IV technical documentation
 * and the Art. 27 fundamental rights impact assessment ask for: short statements the accountable
 * owner (or the governance office) writes once per system and keeps current. Each names the
 * document and section it completes; the keys are stable (stored per system).
 */
export const DOCUMENTATION_STATEMENT_KEYS = [
  'annex_iv.interactions',
  'annex_iv.instructions_for_use',
  'annex_iv.development',
  'annex_iv.data_requirements',
  'annex_iv.validation_testing',
  'annex_iv.cybersecurity',
  'annex_iv.capabilities_limitations',
  'annex_iv.standards',
  'annex_iv.declaration_of_conformity',
  'fria.use_period_frequency',
  'fria.oversight_implementation',
  'fria.complaints_governance',
] as const;
export type DocumentationStatementKey = (typeof DOCUMENTATION_STATEMENT_KEYS)[number];

export const DOCUMENT_KINDS = ['annex_iv', 'fria'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentationStatementDefinition {
  document: DocumentKind;
  /** the section id the statement completes (`annex_iv.2`, `fria.e`) */
  section: string;
  title: string;
  /** what to write, for the person writing it */
  prompt: string;
}

export const DOCUMENTATION_STATEMENTS: Record<DocumentationStatementKey, DocumentationStatementDefinition> = {
  'annex_iv.interactions': {
    document: 'annex_iv',
    section: 'annex_iv.1',
    title: 'Interfaces, delivery and hardware',
    prompt:
      'How the system interacts with hardware, software and other AI systems that are not part of it; the software or firmware versions it depends on; the forms it is delivered in (API, package, embedded); the hardware it is meant to run on.',
  },
  'annex_iv.instructions_for_use': {
    document: 'annex_iv',
    section: 'annex_iv.1',
    title: 'Instructions for use and user interface',
    prompt: 'Where the instructions for use for deployers are kept (a link and version), and a short description of the user interface deployers get.',
  },
  'annex_iv.development': {
    document: 'annex_iv',
    section: 'annex_iv.2',
    title: 'Development method, design and architecture',
    prompt:
      'The steps and methods used to build the system (including pre-trained models or third-party tools and how they were adapted), the key design choices with their rationale and assumptions, the architecture and the computational resources used.',
  },
  'annex_iv.data_requirements': {
    document: 'annex_iv',
    section: 'annex_iv.2',
    title: 'Training, validation and test data',
    prompt: 'Datasheets of the training, validation and test data: provenance, scope and main characteristics, how the data was obtained, selected, labelled and cleaned.',
  },
  'annex_iv.validation_testing': {
    document: 'annex_iv',
    section: 'annex_iv.2',
    title: 'Validation and testing',
    prompt: 'The validation and testing procedures, the data and metrics used (accuracy, robustness, discriminatory effects), and where the dated and signed test logs and reports are kept.',
  },
  'annex_iv.cybersecurity': {
    document: 'annex_iv',
    section: 'annex_iv.2',
    title: 'Cybersecurity measures',
    prompt: 'The measures protecting the system against attacks such as data or model poisoning, adversarial inputs and confidentiality attacks.',
  },
  'annex_iv.capabilities_limitations': {
    document: 'annex_iv',
    section: 'annex_iv.3',
    title: 'Capabilities, limitations and input specifications',
    prompt:
      'What the system can and cannot do, its expected accuracy overall and for the groups it is used on, foreseeable unintended outcomes and sources of risk, and the specifications of its input data.',
  },
  'annex_iv.standards': {
    document: 'annex_iv',
    section: 'annex_iv.7',
    title: 'Standards and specifications applied',
    prompt:
      'The harmonised standards applied, in full or in part (with their references); where none are applied, the solutions adopted to meet the requirements for high-risk systems and the other standards and specifications used.',
  },
  'annex_iv.declaration_of_conformity': {
    document: 'annex_iv',
    section: 'annex_iv.8',
    title: 'EU declaration of conformity',
    prompt: 'Where the signed EU declaration of conformity (Art. 47) for this version is kept: reference, date and signatory.',
  },
  'fria.use_period_frequency': {
    document: 'fria',
    section: 'fria.b',
    title: 'Period and frequency of use',
    prompt: 'Over what period the system is meant to be used, and how often (for example: each working day, about 400 decisions a week, until the contract ends in 2028).',
  },
  'fria.oversight_implementation': {
    document: 'fria',
    section: 'fria.e',
    title: 'How human oversight is carried out',
    prompt: 'Who oversees the system, with what competence and authority, how they can intervene, override or stop it, following the instructions for use.',
  },
  'fria.complaints_governance': {
    document: 'fria',
    section: 'fria.f',
    title: 'Complaints and internal governance',
    prompt: 'How affected people can complain or seek redress, who handles it, and the internal governance arrangements that act when a risk materialises.',
  },
};

export const DOCUMENTATION_STATEMENT_MAX = 8000;

export function isDocumentationStatementKey(value: unknown): value is DocumentationStatementKey {
  return typeof value === 'string' && (DOCUMENTATION_STATEMENT_KEYS as readonly string[]).includes(value);
}
