import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** The largest amount one request may move: 100.000,00 €. */
const MAX_CENTS = 10_000_000;

export class VoucherCodeDto {
  @ApiProperty({
    description:
      'The QR token as scanned, or the short code as typed (lower case, spaces and dashes accepted)',
    example: 'ACDE-FHJK-MN34',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  code: string;
}

export class RedeemDto extends VoucherCodeDto {
  @ApiProperty({ description: 'Euro cents to take from the voucher', example: 1250 })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amount: number;
}

export class MonthQuery {
  @ApiPropertyOptional({
    example: '2026-05',
    description: 'YYYY-MM (Europe/Rome); the current month if left out',
  })
  @IsOptional()
  @Matches(MONTH)
  month?: string;
}

export class SettlementDto {
  @ApiProperty() @IsUUID() merchantId: string;

  @ApiProperty({ description: 'Euro cents paid to the shop', example: 125000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  amount: number;

  @ApiProperty({ example: '2026-05-01' }) @Matches(DATE) periodStart: string;
  @ApiProperty({ example: '2026-05-31' }) @Matches(DATE) periodEnd: string;

  @ApiProperty({ example: 'Mandato di pagamento 456/2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;
}
