import { BaseEntity, type Cents, centsTransformer } from '@piazza/core';
import { Column, Entity, Index } from 'typeorm';

/** A service in the cart, with the price it had when it was put there. */
@Entity('cart_line')
export class CartLine extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  cartId: string;

  @Column({ type: 'uuid' })
  serviceOfferId: string;

  @Column({ type: 'uuid', nullable: true })
  slotId: string | null;

  /** Hours, sessions, months, or places of a slot; 1 for a fixed price. */
  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  unitPrice: Cents;

  @Column({ type: 'text' })
  priceModel: string;

  @Column({ type: 'text', default: '' })
  note: string;
}
