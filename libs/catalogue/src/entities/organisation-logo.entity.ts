import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type LogoContentType = 'image/png' | 'image/jpeg' | 'image/webp';

/** An organisation's logo, already resized, served by the API with its own cache headers. */
@Entity('organisation_logo')
export class OrganisationLogo {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  contentType: LogoContentType;

  @Column({ type: 'bytea' })
  image: Buffer;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
