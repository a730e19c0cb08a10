/** How much a person stays in control of the system's outputs (recorded at registration). */
export const AUTONOMY_LEVELS = ['human_in_the_loop', 'human_on_the_loop', 'fully_automated'] as const;
export type AutonomyLevel = (typeof AUTONOMY_LEVELS)[number];

export const VENDOR_TYPES = ['in_house', 'third_party'] as const;
export type VendorKind = (typeof VENDOR_TYPES)[number];
