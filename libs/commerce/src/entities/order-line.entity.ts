import { BaseEntity, type Cents, centsTransformer } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

/** A service bought, with the title and price it had then. */
@Entity('order_line')
export class OrderLine extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  orderId: string;

  @Column({ type: 'uuid' })
  serviceOfferId: string;

  @Column({ type: 'uuid', nullable: true })
  slotId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'uuid' })
  categoryId: string;

  @Column({ type: 'text' })
  priceModel: string;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  unitPrice: Cents;

  @Column({ type: 'bigint', transformer: centsTransformer })
  lineTotal: Cents;

  /** Whether its places are taken in the slot (false once freed). */
  @Column({ type: 'boolean', default: false })
  booked: boolean;
}
