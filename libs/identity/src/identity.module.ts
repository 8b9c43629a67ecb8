import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './entities/audit-event.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { Household } from './entities/household.entity';
import { OrganisationInvitation } from './entities/organisation-invitation.entity';
import { OrganisationMember } from './entities/organisation-member.entity';
import { Organisation } from './entities/organisation.entity';
import { UserAccount } from './entities/user-account.entity';
import { UserSession } from './entities/user-session.entity';
import { UserToken } from './entities/user-token.entity';
import { AccountService } from './services/account.service';
import { AuditService } from './services/audit.service';
import { HouseholdService } from './services/household.service';
import { LoginThrottle } from './services/login-throttle.service';
import { OidcLoginService } from './services/oidc-login.service';
import { OrganisationService } from './services/organisation.service';
import { AssistedAccessService } from './services/assisted-access.service';
import { PasswordService } from './services/password.service';
import { PrivacyService } from './services/privacy.service';
import { SessionService } from './services/session.service';

/** Every entity of this library, for the module and for scripts that open their own DataSource. */
export const IDENTITY_ENTITIES = [
  UserAccount,
  Organisation,
  OrganisationMember,
  Household,
  HouseholdMember,
  UserSession,
  UserToken,
  AuditEvent,
  OrganisationInvitation,
];

const SERVICES = [
  PasswordService,
  AccountService,
  AuditService,
  HouseholdService,
  LoginThrottle,
  OidcLoginService,
  SessionService,
  OrganisationService,
  AssistedAccessService,
  PrivacyService,
];

/** Users, households, organisations and memberships, sessions, and the audit log. */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  providers: SERVICES,
  exports: SERVICES,
})
export class IdentityModule {}
