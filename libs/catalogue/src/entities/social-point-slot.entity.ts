import { BaseEntity } from '@piazza/core';
import { Column, Entity } from 'typeorm';

/** An appointment time at a Social Point. Booking it comes with applications. */
@Entity('social_point_slot')
export class SocialPointSlot extends BaseEntity {
  @Column({ type: 'uuid' })
  socialPointId: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'integer', default: 1 })
  capacity: number;

  @Column({ type: 'integer', default: 0 })
  booked: number;
}
