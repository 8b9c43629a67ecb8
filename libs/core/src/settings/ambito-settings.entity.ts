import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Translated } from '../i18n/translated';

export interface AmbitoContacts {
  email: string;
  phone: string;
  address: string;
  website: string | null;
}

/** The Ambito's identity as users see it: the platform is renamed here, not in code. A single row. */
@Entity('ambito_settings')
export class AmbitoSettings {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  shortName: string;

  @Column({ type: 'jsonb' })
  tagline: Translated;

  @Column({ type: 'text', nullable: true })
  logoUrl: string | null;

  @Column({ type: 'text' })
  primaryColor: string;

  @Column({ type: 'jsonb' })
  contacts: AmbitoContacts;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
