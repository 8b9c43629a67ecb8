import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRICE_MODELS, type PriceModel } from '@piazza/catalogue';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
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

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const PHONE = /^\+?[0-9][0-9 ./()-]{4,39}$/;
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true };

/** May be left out (the default applies), but not sent as null. */
const Omittable = () => ValidateIf((_object, value) => value !== undefined);

export class LatLngDto {
  @ApiProperty({ minimum: -90, maximum: 90, example: 45.7144 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty({ minimum: -180, maximum: 180, example: 8.905 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng: number;
}

export class OpeningHoursDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  day: number;

  @ApiProperty({ example: '09:00', description: 'Local time (Europe/Rome)' })
  @Matches(HH_MM)
  opens: string;

  @ApiProperty({ example: '12:30', description: 'Local time, after `opens`' })
  @Matches(HH_MM)
  closes: string;
}

const openingHoursProperty = () =>
  ApiPropertyOptional({ type: [OpeningHoursDto], maxItems: 28, default: [] });

export class ProfileDto {
  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(2000)
  description: string = '';

  @ApiPropertyOptional({ maxLength: 10000, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(10000)
  history: string = '';

  @ApiProperty() @IsEmail() @MaxLength(254) email: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+39 0331 000000' })
  @IsOptional()
  @Matches(PHONE)
  phone: string | null = null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://www.example.org' })
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(300)
  website: string | null = null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Certified e-mail (PEC)' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  pec: string | null = null;

  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) address: string;

  @ApiProperty({ description: 'Slug of a Comune of the Ambito' }) @Matches(SLUG) comuneSlug: string;

  @ApiPropertyOptional({ type: LatLngDto, nullable: true, description: 'Point picked on the map' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  location: LatLngDto | null = null;

  @openingHoursProperty()
  @Omittable()
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursDto)
  openingHours: OpeningHoursDto[] = [];
}

export class PlaceInputDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(150) name: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) address: string;
  @ApiProperty({ description: 'Slug of a Comune of the Ambito' }) @Matches(SLUG) comuneSlug: string;

  @ApiProperty({ type: LatLngDto, description: 'Point picked on the map' })
  @IsDefined()
  @ValidateNested()
  @Type(() => LatLngDto)
  location: LatLngDto;

  @openingHoursProperty()
  @Omittable()
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursDto)
  openingHours: OpeningHoursDto[] = [];

  @ApiPropertyOptional({ maxLength: 1000, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(1000)
  accessibility: string = '';
}

export class ServiceInputDto {
  @ApiProperty({ minLength: 3, maxLength: 120 }) @IsString() @MinLength(3) @MaxLength(120) title: string;

  @ApiPropertyOptional({ maxLength: 300, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(300)
  summary: string = '';

  @ApiPropertyOptional({ maxLength: 10000, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(10000)
  description: string = '';

  @ApiProperty({ description: 'Slug of a subcategory' }) @Matches(SLUG) categorySlug: string;

  @ApiPropertyOptional({ type: [String], default: [] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(SLUG, { each: true })
  themeSlugs: string[] = [];

  @ApiPropertyOptional({ type: [String], default: [] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(SLUG, { each: true })
  targetGroupSlugs: string[] = [];

  @ApiProperty({ type: [String], minItems: 1, description: 'Comuni served (at least one)' })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(SLUG, { each: true })
  comuneSlugs: string[];

  @ApiPropertyOptional({ type: [String], default: [], description: "Ids of the organisation's places" })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  placeIds: string[] = [];

  @ApiProperty({ enum: PRICE_MODELS }) @IsIn(PRICE_MODELS) priceModel: PriceModel;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Cents; null if and only if the service is free; at most 1,000,000 (10,000 €)',
  })
  @IsOptional()
  @IsInt()
  priceCents: number | null = null;

  @ApiPropertyOptional({ default: false }) @Omittable() @IsBoolean() voucherPayable: boolean = false;

  @ApiPropertyOptional({ type: [String], default: [] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  keywords: string[] = [];

  @openingHoursProperty()
  @Omittable()
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursDto)
  openingHours: OpeningHoursDto[] = [];
}

export class SlotInputDto {
  @ApiProperty({ example: '2026-12-03T15:30:00+01:00', description: 'ISO 8601 with offset, in the future' })
  @IsString()
  @MaxLength(40)
  startsAt: string;

  @ApiProperty({ example: '2026-12-03T17:00:00+01:00', description: 'After `startsAt`' })
  @IsString()
  @MaxLength(40)
  endsAt: string;

  @ApiProperty({ minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) capacity: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: "One of the organisation's places" })
  @IsOptional()
  @IsUUID('all')
  placeId: string | null = null;

  @ApiPropertyOptional({ maxLength: 300, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(300)
  note: string = '';

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 26,
    default: 0,
    description: 'On creation: also the same slot in each of the next n weeks',
  })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(26)
  repeatWeeks: number = 0;
}

export class EventInputDto {
  @ApiProperty({ minLength: 3, maxLength: 120 }) @IsString() @MinLength(3) @MaxLength(120) title: string;

  @ApiPropertyOptional({ maxLength: 300, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(300)
  summary: string = '';

  @ApiPropertyOptional({ maxLength: 10000, default: '' })
  @Omittable()
  @IsString()
  @MaxLength(10000)
  description: string = '';

  @ApiProperty({ example: '2026-12-03T15:30:00+01:00', description: 'ISO 8601 with offset' })
  @IsString()
  @MaxLength(40)
  startsAt: string;

  @ApiProperty({ example: '2026-12-03T18:00:00+01:00', description: 'Not before `startsAt`' })
  @IsString()
  @MaxLength(40)
  endsAt: string;

  @ApiPropertyOptional({ default: false }) @Omittable() @IsBoolean() allDay: boolean = false;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "One of the organisation's places: its point and Comune are used",
  })
  @IsOptional()
  @IsUUID('all')
  placeId: string | null = null;

  @ApiPropertyOptional({
    maxLength: 150,
    default: '',
    description: "Required without a place (else the place's name)",
  })
  @Omittable()
  @IsString()
  @MaxLength(150)
  venue: string = '';

  @ApiPropertyOptional({
    maxLength: 200,
    default: '',
    description: "Required without a place (else the place's address)",
  })
  @Omittable()
  @IsString()
  @MaxLength(200)
  address: string = '';

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required without a place' })
  @IsOptional()
  @Matches(SLUG)
  comuneSlug: string | null = null;

  @ApiPropertyOptional({
    type: LatLngDto,
    nullable: true,
    description: 'Without a place: point picked on the map',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  location: LatLngDto | null = null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Cents; null = free entry' })
  @IsOptional()
  @IsInt()
  priceCents: number | null = null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(300)
  registrationUrl: string | null = null;
}
