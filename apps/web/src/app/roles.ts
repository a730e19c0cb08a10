/**
 * Roles (libs/domain USER_ROLES) as the web app uses them: which screens a person sees in the
 * navigation and where "/" takes them. Screens enforce nothing: the API decides every access and
 * a refused read shows the 403 page.
 */
export type Role =
  | 'product_owner'
  | 'approver'
  | 'risk_officer'
  | 'security_officer'
  | 'privacy_officer'
  | 'governance_office'
  | 'auditor'
  | 'admin';

export const ROLE_LABELS: Record<Role, string> = {
  product_owner: 'Product owner',
  approver: 'Approver',
  risk_officer: 'Risk officer',
  security_officer: 'Security officer',
  privacy_officer: 'Privacy officer',
  governance_office: 'Governance office',
  auditor: 'Auditor',
  admin: 'Administrator',
};

export const OVERSIGHT_ROLES: readonly Role[] = ['governance_office', 'auditor', 'admin'];
/** who reads the Statement of Applicability and the risk register in the navigation: oversight and the risk roles */
export const MANAGEMENT_SYSTEM_READERS: readonly Role[] = [...OVERSIGHT_ROLES, 'risk_officer', 'security_officer', 'privacy_officer'];

export interface NavItem {
  to: string;
  label: string;
  /** shown to anyone holding one of these; every signed-in person when empty */
  roles: readonly Role[];
}

/**
 * The navigation, in order. Screens added later (systems, dashboard, ...) add their entry here
 * with the roles that use them.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/dashboard', label: 'Dashboard', roles: OVERSIGHT_ROLES },
  { to: '/inbox', label: 'Inbox', roles: [] },
  { to: '/systems', label: 'My systems', roles: ['product_owner'] },
  { to: '/inventory', label: 'Inventory', roles: OVERSIGHT_ROLES },
  { to: '/soa', label: 'SoA', roles: MANAGEMENT_SYSTEM_READERS },
  { to: '/questionnaire', label: 'Questionnaire', roles: OVERSIGHT_ROLES },
  { to: '/risks', label: 'Risks', roles: MANAGEMENT_SYSTEM_READERS },
  { to: '/controls', label: 'Controls', roles: OVERSIGHT_ROLES },
  { to: '/management-reviews', label: 'Management reviews', roles: OVERSIGHT_ROLES },
  { to: '/internal-audits', label: 'Internal audits', roles: OVERSIGHT_ROLES },
  { to: '/serious-incidents', label: 'Serious incidents', roles: [...OVERSIGHT_ROLES, 'product_owner'] },
  { to: '/reports', label: 'Reports', roles: OVERSIGHT_ROLES },
  { to: '/people', label: 'People', roles: ['admin'] },
  { to: '/webhook-sources', label: 'Webhook sources', roles: ['admin'] },
  { to: '/gateway-tokens', label: 'Gateway tokens', roles: ['admin'] },
  { to: '/tokens', label: 'API tokens', roles: [] },
  { to: '/webhook-subscriptions', label: 'Webhook subscriptions', roles: OVERSIGHT_ROLES },
  { to: '/audit', label: 'Audit trail', roles: OVERSIGHT_ROLES },
];

export function holds(roles: readonly string[], wanted: readonly Role[]): boolean {
  return wanted.some((role) => roles.includes(role));
}

export function navigationFor(roles: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.length === 0 || holds(roles, item.roles));
}

/** Where "/" takes a person (the contract of issue 14): oversight -> dashboard, owners -> systems, others -> inbox. */
export function homePathFor(roles: readonly string[]): string {
  if (holds(roles, OVERSIGHT_ROLES)) return '/dashboard';
  if (roles.includes('product_owner') && !holds(roles, ['approver', 'risk_officer', 'security_officer', 'privacy_officer'])) return '/systems';
  return '/inbox';
}
