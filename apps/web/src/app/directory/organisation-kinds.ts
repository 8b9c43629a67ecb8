import { type OrganisationKind } from '../api/directory-models';

/** Organisation kinds by their Italian name in the address (`/enti?tipo=cooperativa`). */
export const KIND_PARAMS: Record<OrganisationKind, string> = {
  cooperative: 'cooperativa',
  association: 'associazione',
  public_body: 'ente-pubblico',
  shop: 'negozio',
};

export function kindFromParam(value: string | null): OrganisationKind | null {
  return (Object.keys(KIND_PARAMS) as OrganisationKind[]).find((kind) => KIND_PARAMS[kind] === value) ?? null;
}
