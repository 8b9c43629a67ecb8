import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { endOfLocalDay } from '@piazza/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SLUG } from '../context/query-params';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const SHOP_CATEGORIES = [
  'alimentari',
  'farmacia',
  'abbigliamento',
  'cartoleria',
  'casalinghi',
  'ottica',
];
const Omittable = () => ValidateIf((_object, value) => value !== undefined);

export class TranslatedDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) it: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) en: string;
}

export class LongTranslatedDto {
  @ApiProperty() @IsString() @MaxLength(2000) it: string;
  @ApiProperty() @IsString() @MaxLength(2000) en: string;
}

export class CreateFundDto {
  @ApiProperty() @IsUUID() comuneId: string;
  @ApiProperty({ example: 'Buoni spesa emergenza 2026' })
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  name: string;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(2000) description?: string;
}

export class TopUpDto {
  @ApiProperty({ description: 'Euro cents', example: 1000000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  amount: number;

  @ApiProperty({ example: 'Determina 123/2026' }) @IsString() @MaxLength(200) reference: string;
}

export class FundStatusDto {
  @ApiProperty({ enum: ['open', 'closed'] }) @IsIn(['open', 'closed']) status: 'open' | 'closed';
}

export class VoucherKindDto {
  @ApiProperty({ example: 'buono-spesa-natale' }) @Matches(SLUG) @MaxLength(80) slug: string;
  @ApiProperty({ enum: ['service', 'spending'] }) @IsIn(['service', 'spending']) kind: 'service' | 'spending';
  @ApiProperty({ type: TranslatedDto }) @ValidateNested() @Type(() => TranslatedDto) name: TranslatedDto;

  @ApiPropertyOptional({ type: LongTranslatedDto })
  @Omittable()
  @ValidateNested()
  @Type(() => LongTranslatedDto)
  description?: LongTranslatedDto;

  @ApiPropertyOptional({ nullable: true, description: 'Null: every Comune of the Ambito' })
  @IsOptional()
  @IsUUID()
  comuneId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  categoryIds?: string[];

  @ApiPropertyOptional({ type: [String], enum: SHOP_CATEGORIES })
  @Omittable()
  @IsArray()
  @IsIn(SHOP_CATEGORIES, { each: true })
  shopCategories?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  shopIds?: string[];

  @ApiPropertyOptional() @Omittable() @IsBoolean() campaign?: boolean;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-01' }) @IsOptional() @Matches(DATE) startsOn?:
    string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-31' }) @IsOptional() @Matches(DATE) endsOn?:
    string | null;
  @ApiPropertyOptional() @Omittable() @IsBoolean() active?: boolean;
}

/**
 * Every field of a kind but its type (a kind never turns from service to spending), each omittable;
 * `null` passes only where the kind itself allows it (Comune, dates).
 */
export class UpdateVoucherKindDto extends PartialType(OmitType(VoucherKindDto, ['kind'] as const), {
  skipNullProperties: false,
}) {}

export class AssignVouchersDto {
  @ApiProperty() @IsUUID() fundId: string;
  @ApiProperty() @IsUUID() kindId: string;

  @ApiProperty({ type: [Number], description: 'One voucher per amount, in cents', example: [5000, 5000] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(1_000_000, { each: true })
  amounts: number[];

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @Omittable()
  @Type(() => Date)
  @IsDate()
  validFrom?: Date;

  @ApiProperty({
    type: String,
    example: '2027-03-31',
    description: 'A day (valid to the end of that day in Italy) or an instant (date-time)',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DATE.test(value)
      ? endOfLocalDay(value)
      : typeof value === 'string'
        ? new Date(value)
        : value,
  )
  @IsDate()
  validUntil: Date;

  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(1000) note?: string;
}

export class RevokeVoucherDto {
  @ApiProperty({ example: 'Assegnato per errore' }) @IsString() @MinLength(3) @MaxLength(500) reason: string;
}

export class VoucherPdfQuery {
  @ApiPropertyOptional({ enum: ['a4', 'a6'], default: 'a4' })
  @Omittable()
  @IsIn(['a4', 'a6'])
  format: 'a4' | 'a6' = 'a4';
}
