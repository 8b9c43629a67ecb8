import { ApiPropertyOptional } from '@nestjs/swagger';
import type { DirectoryOrganisationKind } from '@piazza/catalogue';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { BooleanParam, SLUG, SlugList } from '../context/query-params';

const KINDS: DirectoryOrganisationKind[] = ['cooperative', 'association', 'shop', 'public_body'];

export class OrganisationListQueryDto {
  @ApiPropertyOptional({ description: 'Words in the name or description (accents ignored)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: KINDS, description: 'Shops are listed only with kind=shop' })
  @IsOptional()
  @IsIn(KINDS)
  kind?: DirectoryOrganisationKind;

  @ApiPropertyOptional({
    type: String,
    description: 'Comune slugs, comma-separated: organisations based in any of them',
  })
  @IsOptional()
  @SlugList()
  comune?: string[];

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

export class EventListQueryDto {
  @ApiPropertyOptional({
    description: 'First day, YYYY-MM-DD in Europe/Rome (default: today)',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({
    description: 'Last day, inclusive (default: 62 days after `from`; at most 366 days after it)',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;

  @ApiPropertyOptional({ type: String, description: 'Comune slugs, comma-separated' })
  @IsOptional()
  @SlugList()
  comune?: string[];

  @ApiPropertyOptional({ description: 'Slug of the organising organisation' })
  @IsOptional()
  @Matches(SLUG)
  organisation?: string;

  @ApiPropertyOptional({ description: 'Words in the title, summary, description or venue', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: '`true`: only events with free entry' })
  @IsOptional()
  @BooleanParam()
  free?: boolean;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}
