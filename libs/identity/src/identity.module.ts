import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationMember } from './entities/organisation-member.entity';
import { Organisation } from './entities/organisation.entity';
import { UserAccount } from './entities/user-account.entity';
import { PasswordService } from './services/password.service';

/** Users, organisations and memberships. */
@Module({
  imports: [TypeOrmModule.forFeature([UserAccount, Organisation, OrganisationMember])],
  providers: [PasswordService],
  exports: [PasswordService],
})
export class IdentityModule {}
