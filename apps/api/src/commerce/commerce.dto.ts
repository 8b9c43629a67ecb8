import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const Omittable = () => ValidateIf((_object, value) => value !== undefined);

export class AddCartLineDto {
  @ApiProperty() @IsUUID() serviceId: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() slotId?: string | null;

  @ApiProperty({ minimum: 1, maximum: 100, description: 'Hours, sessions, months, or places of a slot' })
  @IsInt()
  @Min(1)
  @Max(100)
  quantity: number;
}

export class UpdateCartLineDto {
  @ApiProperty({ minimum: 1, maximum: 100 }) @IsInt() @Min(1) @Max(100) quantity: number;
}

export class VoucherShareDto {
  @ApiProperty() @IsUUID() voucherId: string;
  @ApiProperty({ description: 'Cents' }) @IsInt() @Min(1) @Max(100_000_000) amount: number;
}

export class CheckoutDto {
  @ApiPropertyOptional({
    description:
      "'auto' (default: the vouchers that expire first), 'none', or the amounts chosen per voucher",
    oneOf: [
      { type: 'string', enum: ['auto', 'none'] },
      { type: 'array', items: { $ref: '#/components/schemas/VoucherShareDto' } },
    ],
  })
  @Omittable()
  @ValidateIf((_o, value) => typeof value === 'string')
  @IsIn(['auto', 'none'])
  @ValidateIf((_o, value) => Array.isArray(value))
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VoucherShareDto)
  vouchers?: 'auto' | 'none' | VoucherShareDto[];
}

export class CheckoutPreviewQuery {
  @ApiPropertyOptional({ enum: ['auto', 'none'], default: 'auto' })
  @Omittable()
  @IsIn(['auto', 'none'])
  vouchers: 'auto' | 'none' = 'auto';
}

export class ReasonDto {
  @ApiProperty({ example: 'Nessun operatore disponibile in quella data' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(500) reason?: string;
}

export class OrdersQuery {
  @ApiPropertyOptional({ enum: ['paid', 'confirmed', 'fulfilled', 'cancelled', 'declined'] })
  @Omittable()
  @IsIn(['paid', 'confirmed', 'fulfilled', 'cancelled', 'declined'])
  status?: 'paid' | 'confirmed' | 'fulfilled' | 'cancelled' | 'declined';
}

export class BookingsQuery {
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() from: Date;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() to: Date;
}
