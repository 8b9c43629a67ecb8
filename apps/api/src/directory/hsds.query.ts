import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BooleanParam } from '../context/query-params';

/** Paging and format, as every HSDS list takes them. */
export class HsdsPagingQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'Page number (1-based)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Results per page' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  per_page = 50;

  @ApiPropertyOptional({ enum: ['json'], description: 'Only `json` is offered' })
  @IsOptional()
  @IsIn(['json'])
  format?: 'json';
}

export class HsdsSearchQuery extends HsdsPagingQuery {
  @ApiPropertyOptional({ description: 'Full text search', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class HsdsServiceFilterQuery extends HsdsSearchQuery {
  @ApiPropertyOptional({
    description: 'Services classified with this taxonomy term (a category includes its subcategories)',
  })
  @IsOptional()
  @IsUUID()
  taxonomy_term_id?: string;

  @ApiPropertyOptional({ description: 'Services with any term of this taxonomy' })
  @IsOptional()
  @IsUUID()
  taxonomy_id?: string;

  @ApiPropertyOptional({ description: 'Services of this organization' })
  @IsOptional()
  @IsUUID()
  organization_id?: string;

  @ApiPropertyOptional({ description: 'Only what changed on or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  modified_after?: string;

  @ApiPropertyOptional({ description: '`true`: fully nested objects' })
  @IsOptional()
  @BooleanParam()
  full?: boolean;
}

export class HsdsServicesQuery extends HsdsServiceFilterQuery {
  @ApiPropertyOptional({ description: '`true`: only `id` and `last_modified` of each service' })
  @IsOptional()
  @BooleanParam()
  minimal?: boolean;

  @ApiPropertyOptional({ description: 'Same as `full`' })
  @IsOptional()
  @BooleanParam()
  full_service?: boolean;
}

export class HsdsServiceAtLocationsQuery extends HsdsServiceFilterQuery {
  @ApiPropertyOptional({ description: 'Only services serving the Comune with this postcode (CAP)' })
  @IsOptional()
  @Matches(/^\d{5}$/)
  postcode?: string;

  @ApiPropertyOptional({
    description: 'With `postcode`: only locations within this many metres of its Comune',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500_000)
  proximity?: number;
}

export class HsdsOrganizationsQuery extends HsdsSearchQuery {
  @ApiPropertyOptional({ description: '`true`: fully nested organizations' })
  @IsOptional()
  @BooleanParam()
  full?: boolean;

  @ApiPropertyOptional({ description: '`true`: fully nested organizations with their services in full' })
  @IsOptional()
  @BooleanParam()
  full_service?: boolean;
}

export class HsdsOrganizationQuery {
  @ApiPropertyOptional({ description: "`true`: the organization's services in full" })
  @IsOptional()
  @BooleanParam()
  full_service?: boolean;
}

export class HsdsTaxonomyTermsQuery extends HsdsSearchQuery {
  @ApiPropertyOptional({ description: 'Terms of this taxonomy' })
  @IsOptional()
  @IsUUID()
  taxonomy_id?: string;

  @ApiPropertyOptional({ description: '`true`: only terms without a parent' })
  @IsOptional()
  @BooleanParam()
  top_only?: boolean;

  @ApiPropertyOptional({ description: 'Terms whose parent is this term' })
  @IsOptional()
  @IsUUID()
  parent_id?: string;
}
