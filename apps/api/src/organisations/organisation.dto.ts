import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SLUG } from '../context/query-params';

export class OrganisationOwnerDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) firstName: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) lastName: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password: string;
}

export class OrganisationSignUpDto {
  @ApiProperty({ enum: ['cooperative', 'association', 'shop'] })
  @IsIn(['cooperative', 'association', 'shop'])
  kind: 'cooperative' | 'association' | 'shop';

  @ApiProperty() @IsString() @MinLength(2) @MaxLength(150) name: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) legalName: string;

  @ApiProperty({ description: 'Partita IVA, 11 digits; its check digit is verified', example: '07627560019' })
  @IsString()
  @MaxLength(16)
  vatNumber: string;

  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(300)
  website?: string;
  @ApiProperty({ description: 'Slug of the Comune of the registered office' }) @Matches(SLUG) comune: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) address: string;

  @ApiPropertyOptional({
    enum: ['alimentari', 'farmacia', 'abbigliamento', 'cartoleria', 'casalinghi', 'ottica'],
  })
  @IsOptional()
  @IsIn(['alimentari', 'farmacia', 'abbigliamento', 'cartoleria', 'casalinghi', 'ottica'])
  shopCategory?: string;

  @ApiProperty({ type: OrganisationOwnerDto })
  @ValidateNested()
  @Type(() => OrganisationOwnerDto)
  owner: OrganisationOwnerDto;
}

export class AccreditationDecisionDto {
  @ApiProperty({ enum: ['accredited', 'rejected'] })
  @IsIn(['accredited', 'rejected'])
  decision: 'accredited' | 'rejected';

  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class AccreditationListQuery {
  @ApiPropertyOptional({ enum: ['pending', 'accredited', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'accredited', 'rejected'])
  status?: 'pending' | 'accredited' | 'rejected';
}

export class InvitationDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;

  @ApiProperty({ enum: ['owner', 'staff'] })
  @IsIn(['owner', 'staff'])
  role: 'owner' | 'staff';
}

export class AcceptInvitationDto {
  @ApiProperty() @IsString() @MaxLength(200) token: string;
  @ApiPropertyOptional({ description: 'For a new account' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(150)
  displayName?: string;
  @ApiPropertyOptional({ description: 'For a new account', minLength: 10 })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;
}

export class HouseholdSearchQuery {
  @ApiPropertyOptional({ description: 'Name or fiscal code of a member' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
