import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RELATIONS, type Relationship } from '@piazza/identity';
import { Equals, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SLUG } from '../context/query-params';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PersonDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName: string;

  @ApiProperty({
    example: 'RSSMRA85T10A562S',
    description: 'Codice fiscale; its check character is verified',
  })
  @IsString()
  @MaxLength(20)
  fiscalCode: string;

  @ApiProperty({ example: '1985-12-10', description: 'YYYY-MM-DD' })
  @Matches(DATE)
  dateOfBirth: string;
}

export class RegisterCitizenDto extends PersonDto {
  @ApiProperty({ maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({ description: 'Slug of the Comune of residence', example: 'tradate' })
  @Matches(SLUG)
  comune: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiProperty({ description: 'Consent to the privacy notice', enum: [true] })
  @Equals(true)
  privacyAccepted: true;
}

export class LoginDto {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  token: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto extends TokenDto {
  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}

export class AddMemberDto extends PersonDto {
  @ApiProperty({ enum: RELATIONS.filter((r) => r !== 'self') })
  @IsIn(RELATIONS.filter((r) => r !== 'self'))
  relation: Exclude<Relationship, 'self'>;
}
