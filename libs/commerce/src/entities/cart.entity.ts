import { BaseEntity } from '@piazza/core';
import { Column, Entity } from 'typeorm';

/** A household's cart, kept on the server: it survives logout and a change of device. */
@Entity('cart')
export class Cart extends BaseEntity {
  @Column({ type: 'uuid', unique: true })
  householdId: string;
}
