import { CreateDateColumn, Entity, Column, PrimaryColumn } from 'typeorm';

/** A person's role inside an organisation. */
@Entity('organisation_member')
export class OrganisationMember {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: 'owner' | 'staff';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
