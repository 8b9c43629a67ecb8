import { Injectable } from '@nestjs/common';
import { DomainError, type RequestContext } from '@piazza/core';
import { AuditService } from './audit.service';

export class SoleOwnerError extends DomainError {
  constructor(organisations: string[]) {
    super('SOLE_OWNER', 409, {
      it: `Sei l'unico titolare di ${organisations.join(', ')}: invita un altro titolare prima di eliminare il tuo account.`,
      en: `You are the only owner of ${organisations.join(', ')}: invite another owner before deleting your account.`,
    });
  }
}

/** GDPR: what the platform holds about a person, and the erasure of it. */
@Injectable()
export class PrivacyService {
  constructor(private readonly audit: AuditService) {}

  /** Everything about the signed-in person, as one JSON document (GDPR art. 15 and 20). */
  async export(ctx: RequestContext): Promise<Record<string, unknown>> {
    const userId = ctx.actor!.userId;
    const q = <T>(sql: string): Promise<T[]> => ctx.em.query(sql, [userId]);
    const [account] = await q<Record<string, unknown>>(
      `SELECT id, email, username, display_name, fiscal_code, roles, status, email_verified_at, last_login_at, created_at
         FROM user_account WHERE id = $1`,
    );
    const household = await q(
      `SELECT h.id, c.name AS comune, h.address, h.created_at FROM household h JOIN comune c ON c.id = h.comune_id
        WHERE h.owner_user_id = $1`,
    );
    const members = await q(
      `SELECT m.first_name, m.last_name, m.fiscal_code, m.date_of_birth::text, m.relation
         FROM household_member m JOIN household h ON h.id = m.household_id WHERE h.owner_user_id = $1 ORDER BY m.created_at`,
    );
    const organisations = await q(
      `SELECT o.name, o.kind, m.role, m.created_at FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.user_id = $1`,
    );
    const sessions = await q(
      `SELECT created_at, last_seen_at, expires_at, revoked_at, ip, user_agent FROM user_session
        WHERE user_id = $1 ORDER BY created_at DESC`,
    );
    const activity = await q(
      `SELECT at, action, subject_type, ip, user_agent FROM audit_event
        WHERE actor_user_id = $1 OR (subject_type = 'user' AND subject_id = $1::text) ORDER BY at DESC LIMIT 1000`,
    );
    await this.audit.record(ctx, 'account_exported', { subjectType: 'user', subjectId: userId });
    return {
      exportedAt: new Date().toISOString(),
      account,
      household: household[0] ? { ...household[0], members } : null,
      organisations,
      sessions,
      activity,
    };
  }

  /**
   * Erases the person (GDPR art. 17): the account keeps its id, so that money records and the audit log
   * still add up, but nothing in it names or identifies anyone; household members are deleted; sessions
   * and links end. The household row stays, anonymous, as the holder of any voucher or payment.
   */
  async erase(ctx: RequestContext): Promise<void> {
    const userId = ctx.actor!.userId;
    const soleOwnerOf: { name: string }[] = await ctx.em.query(
      `SELECT o.name FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND m.role = 'owner'
          AND NOT EXISTS (SELECT 1 FROM organisation_member x
                           WHERE x.organisation_id = m.organisation_id AND x.role = 'owner' AND x.user_id <> $1)`,
      [userId],
    );
    if (soleOwnerOf.length) throw new SoleOwnerError(soleOwnerOf.map((o) => o.name));

    const [{ email }] = (await ctx.em.query(`SELECT email FROM user_account WHERE id = $1`, [userId])) as {
      email: string | null;
    }[];
    await ctx.em.query(
      `DELETE FROM household_member WHERE household_id IN (SELECT id FROM household WHERE owner_user_id = $1)`,
      [userId],
    );
    await ctx.em.query(`UPDATE household SET address = '', owner_user_id = NULL WHERE owner_user_id = $1`, [
      userId,
    ]);
    await ctx.em.query(`DELETE FROM organisation_member WHERE user_id = $1`, [userId]);
    await ctx.em.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]);
    await ctx.em.query(`DELETE FROM user_token WHERE user_id = $1`, [userId]);
    await ctx.em.query(`DELETE FROM user_comune WHERE user_id = $1`, [userId]);
    await ctx.em.query(
      `UPDATE user_account SET email = NULL, username = NULL, password_hash = NULL, fiscal_code = NULL,
              display_name = 'Utente eliminato', roles = '{}', status = 'disabled', email_verified_at = NULL
        WHERE id = $1`,
      [userId],
    );
    // Failed sign-ins recorded the typed address; client details of the person's own events go too.
    if (email) {
      await ctx.em.query(`UPDATE audit_event SET details = details - 'email' WHERE details->>'email' = $1`, [
        email,
      ]);
    }
    await ctx.em.query(`UPDATE audit_event SET ip = NULL, user_agent = NULL WHERE actor_user_id = $1`, [
      userId,
    ]);
    await this.audit.record(ctx, 'account_deleted', { subjectType: 'user', subjectId: userId });
  }
}
