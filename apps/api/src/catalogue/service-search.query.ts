import { ApiPropertyOptional } from '@nestjs/swagger';
import { SERVICE_FAMILIES, type ServiceFamily } from '@piazza/catalogue';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class ServiceSearchQuery {
  @ApiPropertyOptional({
    description: 'Words to look for (accents and small typos are tolerated)',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: SERVICE_FAMILIES })
  @IsOptional()
  @IsIn(SERVICE_FAMILIES)
  family?: ServiceFamily;

  @ApiPropertyOptional({ description: 'Subcategory slug' })
  @IsOptional()
  @Matches(SLUG)
  category?: string;

  @ApiPropertyOptional({ description: 'Comune slug' })
  @IsOptional()
  @Matches(SLUG)
  comune?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
