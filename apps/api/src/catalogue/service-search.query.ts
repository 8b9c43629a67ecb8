import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  MAX_PAGE_SIZE,
  MAX_RADIUS_KM,
  SEARCH_SORTS,
  SERVICE_FAMILIES,
  type SearchSort,
  type ServiceFamily,
  type ServiceSearchInput,
} from '@piazza/catalogue';
import { Type } from 'class-transformer';
import { BooleanParam, SLUG, SlugList } from '../context/query-params';
import { IsIn, IsInt, IsNumber, IsString, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';

const MAX_PRICE_CENTS = 100_000_000;

/** `a,b,c` (or the parameter repeated) as a list of slugs. */
function SlugListParam(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, description: `${description}, comma-separated slugs` }),
    IsOptional(),
    SlugList(),
  );
}

/** `true` or `false`; anything else stays text and is refused. */
function BooleanFlag(description: string) {
  return applyDecorators(ApiPropertyOptional({ type: Boolean, description }), IsOptional(), BooleanParam());
}

function CentsParam(description: string) {
  return applyDecorators(
    ApiPropertyOptional({
      type: Number,
      minimum: 0,
      description: `${description}, in euro cents (free counts as 0)`,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(MAX_PRICE_CENTS),
  );
}

/** The filters of `GET /api/catalogue/services` and of its map. */
export class ServiceFilterQuery implements ServiceSearchInput {
  @ApiPropertyOptional({
    description:
      'Words; Italian full text on title, keywords, category, organisation, summary and description, ' +
      'accent-insensitive and tolerant of typos; every word must match',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: SERVICE_FAMILIES })
  @IsOptional()
  @IsIn(SERVICE_FAMILIES)
  family?: ServiceFamily;

  @SlugListParam('Subcategories (a family slug selects all of its subcategories)')
  category?: string[];

  @SlugListParam('Themes')
  theme?: string[];

  @SlugListParam('Target groups')
  target?: string[];

  @SlugListParam('Comuni: services serving any of them')
  comune?: string[];

  @BooleanFlag('true: only services that service vouchers can pay')
  voucher?: boolean;

  @BooleanFlag('true: only free services')
  free?: boolean;

  @BooleanFlag('true: only services open at this moment (Europe/Rome) by their opening hours')
  openNow?: boolean;

  @CentsParam('Lowest price, inclusive')
  priceMin?: number;

  @CentsParam('Highest price, inclusive')
  priceMax?: number;

  @ApiPropertyOptional({
    description: 'Origin for distances: "lat,lng" in decimal degrees',
    example: '45.714,8.904',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  near?: string;

  @ApiPropertyOptional({ description: "Origin for distances: a Comune's slug (its centre)" })
  @IsOptional()
  @Matches(SLUG)
  nearComune?: string;

  @ApiPropertyOptional({
    minimum: 0.1,
    maximum: MAX_RADIUS_KM,
    description: 'With an origin: only within this distance',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0.1)
  @Max(MAX_RADIUS_KM)
  radiusKm?: number;
}

/** `GET /api/catalogue/services`: the filters, the order and the page. */
export class ServiceSearchQuery extends ServiceFilterQuery {
  @ApiPropertyOptional({
    enum: SEARCH_SORTS,
    description: 'Default: relevance with q, distance with an origin, else title',
  })
  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort?: SearchSort;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
