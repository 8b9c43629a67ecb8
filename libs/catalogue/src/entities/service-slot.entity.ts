import { BaseEntity } from '@piazza/core';
import { Column, Entity } from 'typeorm';

/**
 * A bookable time of a service with a number of places. `booked` only ever moves by a conditional update
 * (`booked + n <= capacity`), so a slot can never be overbooked.
 */
@Entity('service_slot')
export class ServiceSlot extends BaseEntity {
  @Column({ type: 'uuid' })
  serviceOfferId: string;

  @Column({ type: 'uuid', nullable: true })
  placeId: string | null;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer', default: 0 })
  booked: number;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}
