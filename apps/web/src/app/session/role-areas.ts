import { type Role } from '../api/models';

/** The working area of an operator's role: a page of the app, and the roles that may open it. */
export interface RoleArea {
  path: string;
  /** Translation key of the link. */
  label: string;
  roles: readonly Role[];
}

/** Header, profile and operators' page link to these, for whoever holds the roles. */
export const ROLE_AREAS: readonly RoleArea[] = [
  { path: '/ente', label: 'areas.organisation', roles: ['provider', 'merchant'] },
  { path: '/ente/incassa', label: 'vouchers.areas.redeem', roles: ['merchant'] },
  { path: '/amministrazione/accreditamenti', label: 'areas.accreditation', roles: ['admin'] },
  { path: '/amministrazione/moderazione', label: 'backOffice.areas.moderation', roles: ['admin'] },
  { path: '/amministrazione/categorie', label: 'backOffice.areas.taxonomy', roles: ['admin'] },
  { path: '/amministrazione/fondi', label: 'vouchers.areas.funds', roles: ['admin'] },
  { path: '/servizi-sociali/nuclei', label: 'areas.households', roles: ['social_worker'] },
];

/** The areas the person with these roles works in, in a stable order. */
export function roleAreasFor(roles: readonly Role[] | undefined): RoleArea[] {
  return ROLE_AREAS.filter((area) => area.roles.some((role) => roles?.includes(role)));
}
