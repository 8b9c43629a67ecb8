import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SERVICE_FAMILIES, type ServiceFamily } from '@piazza/catalogue';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { SLUG } from '../context/query-params';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** May be left out (the default applies), but not sent as null. */
const Omittable = () => ValidateIf((_object, value) => value !== undefined);

export class ModerationDecisionDto {
  @ApiProperty({ description: 'true publishes the service; false sends it back to draft' })
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: 'Required to refuse: what the organisation must fix',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

class TermTextsDto {
  @ApiProperty({ description: 'Lower-case letters, digits and single hyphens', example: 'centri-estivi' })
  @Matches(SLUG)
  @MaxLength(60)
  slug: string;

  @ApiProperty() @IsString() @MinLength(2) @MaxLength(100) nameIt: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(100) nameEn: string;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 10000 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10000)
  position: number = 0;
}

export class TargetGroupDto extends TermTextsDto {}

export class ThemeDto extends TermTextsDto {
  @ApiPropertyOptional({ maxLength: 1000, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(1000)
  descriptionIt: string = '';

  @ApiPropertyOptional({ maxLength: 1000, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(1000)
  descriptionEn: string = '';
}

export class CategoryDto extends ThemeDto {
  @ApiProperty({ enum: SERVICE_FAMILIES }) @IsIn(SERVICE_FAMILIES) family: ServiceFamily;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The family's slug for a subcategory; null only when editing a family itself",
  })
  @IsOptional()
  @Matches(SLUG)
  parentSlug: string | null = null;
}

export class SocialPointSlotsDto {
  @ApiProperty({ example: '2026-12-01', description: 'First day (Europe/Rome)' }) @Matches(DAY) from: string;
  @ApiProperty({ example: '2026-12-31', description: 'Last day, at most a year after `from`' })
  @Matches(DAY)
  to: string;

  @ApiProperty({ type: [String], example: ['09:00', '09:30'], description: 'Local start times' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(48)
  @Matches(HH_MM, { each: true })
  times: string[];

  @ApiPropertyOptional({ default: 30, minimum: 5, maximum: 480 })
  @Omittable()
  @IsInt()
  @Min(5)
  @Max(480)
  minutes: number = 30;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 50 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(50)
  capacity: number = 1;
}

export class SocialPointSlotsQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Default: today' })
  @IsOptional()
  @Matches(DAY)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Default: 62 days after today' })
  @IsOptional()
  @Matches(DAY)
  to?: string;
}
