import { BaseEntity, type Translated } from '@piazza/core';
import { Column, Entity } from 'typeorm';

/**
 * What a voucher pays for: a service voucher (catalogue categories) or a spending voucher (shop
 * categories). A campaign limits a kind to a list of shops and a period and is listed publicly.
 */
@Entity('voucher_kind')
export class VoucherKind extends BaseEntity {
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  kind: 'service' | 'spending';

  @Column({ type: 'jsonb' })
  name: Translated;

  @Column({ type: 'jsonb' })
  description: Translated;

  /** Null: every Comune of the Ambito. */
  @Column({ type: 'uuid', nullable: true })
  comuneId: string | null;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  categoryIds: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  shopCategories: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  shopIds: string[];

  @Column({ type: 'boolean', default: false })
  campaign: boolean;

  @Column({ type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
