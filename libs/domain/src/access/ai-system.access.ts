import { AccessRule, GOVERNANCE_ROLES, needsOneOfTheRoles, OVERSIGHT_ROLES, SEES_EVERYTHING_ROLES } from './access-policy';

/** Everyone who may be asked to approve must see what they approve; auditors see everything. */
const REGISTER = ['product_owner', 'governance_office'] as const;

/**
 * AI systems and what hangs off them (versions, assessments, material changes, approval
 * history): the accountable owner acts on a system, the governance office can step in.
 */
export const AI_SYSTEM_ACCESS = {
  'ai_system.register': { roles: REGISTER, refusal: needsOneOfTheRoles(REGISTER) },
  /** the inventory unnarrowed (others see the systems they own or registered) */
  'ai_system.list_all': { roles: SEES_EVERYTHING_ROLES, refusal: { message: 'you may see only AI systems you own or registered' } },
  'ai_system.read': { roles: SEES_EVERYTHING_ROLES, relations: ['owner', 'creator'], refusal: { message: 'you may not see this AI system' } },
  /** lifecycle actions: submit, deploy, monitor, roll back, retire, assess, material changes */
  'ai_system.manage': {
    roles: ['governance_office'],
    relations: ['owner'],
    refusal: { message: 'only the accountable owner or the governance office may act on this AI system' },
  },
  /**
   * Importing the inventory from a file (dry run and commit) and finishing an import's workflow
   * starts. Not product owners: a file registers and changes many systems at once, naming any
   * active person as accountable owner, which is keeping the inventory (ISO/IEC 42001 A.4), the
   * governance office's job; a product owner registers their own systems one by one. A dry run
   * needs it too: it tells whether an email belongs to an active user and which external ids exist.
   */
  'ai_system.import': { roles: GOVERNANCE_ROLES, refusal: needsOneOfTheRoles(GOVERNANCE_ROLES) },
  /** the record of past imports (who imported which file, what it did): oversight reads it, auditors included */
  'ai_system.import_history': { roles: OVERSIGHT_ROLES, refusal: needsOneOfTheRoles(OVERSIGHT_ROLES) },
} as const satisfies Record<`ai_system.${string}`, AccessRule>;
