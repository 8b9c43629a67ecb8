import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AddMemberDto, PersonDto } from '../auth/auth.dto';
import { SLUG } from '../context/query-params';

export class AssistedRegistrationDto {
  @ApiProperty({ description: 'Slug of a Comune the social worker works for' })
  @Matches(SLUG)
  comune: string;

  @ApiProperty({ description: 'Postal address, printed on the access letter' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  address: string;

  @ApiProperty({ type: PersonDto })
  @ValidateNested()
  @Type(() => PersonDto)
  head: PersonDto;

  @ApiPropertyOptional({ type: [AddMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AddMemberDto)
  members?: AddMemberDto[];
}

export class FirstAccessDto {
  @ApiProperty() @IsString() @MaxLength(40) username: string;
  @ApiProperty({ example: 'ABCD-EFGH-JKMN' }) @IsString() @MaxLength(20) code: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password: string;
}
