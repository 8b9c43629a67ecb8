import { type AppConfig, cents, OutboxService, RequestContext } from '@piazza/core';
import { LedgerService } from '@piazza/ledger';
import {
  Fund,
  FundService,
  VoucherAssignment,
  VoucherAssignmentService,
  VoucherIssuanceService,
  VoucherKeyring,
  VoucherKind,
  VoucherKindService,
} from '@piazza/vouchers';
import type { DataSource } from 'typeorm';

const DAY = 86_400_000;

/** Funds of two Comuni, the voucher kinds, a Christmas local-shopping campaign and the demo family's vouchers. */
const FUNDS = [
  { comune: 'tradate', name: 'Buoni spesa emergenza 2026', amount: 2_000_000 },
  { comune: 'tradate', name: 'Voucher servizi famiglia 2026', amount: 1_000_000 },
  { comune: 'venegono-superiore', name: 'Voucher domiciliarità 2026', amount: 1_500_000 },
];

/**
 * The demo's money: funds topped up from the Comuni's treasuries, voucher kinds, a campaign running
 * from 1 December to 6 January around `now`, and two spending vouchers and one service voucher already
 * in the demo family's wallet. Idempotent: funds and kinds are matched by name and slug, assignments by
 * a fixed idempotency key, and the ledger refuses a second top-up under the same key.
 */
export async function seedDemoVouchers(
  dataSource: DataSource,
  config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>,
  now = new Date(),
): Promise<Record<string, number>> {
  const ledger = new LedgerService();
  const outbox = new OutboxService();
  const funds = new FundService(ledger);
  const kinds = new VoucherKindService();
  const assignments = new VoucherAssignmentService(ledger, outbox);
  const issuance = new VoucherIssuanceService(ledger, new VoucherKeyring(), outbox, config as AppConfig);
  const created = { funds: 0, voucherKinds: 0, vouchers: 0 };

  await dataSource.transaction(async (em) => {
    const ctx = RequestContext.system(em, 'seed');
    const comuni = new Map<string, string>(
      ((await em.query(`SELECT slug, id FROM comune`)) as { slug: string; id: string }[]).map((c) => [
        c.slug,
        c.id,
      ]),
    );
    for (const f of FUNDS) {
      const comuneId = comuni.get(f.comune);
      if (!comuneId) continue;
      let fund = await em.findOneBy(Fund, { comuneId, name: f.name });
      if (!fund) {
        await funds.create(ctx, { comuneId, name: f.name, description: 'Fondo dimostrativo' });
        fund = await em.findOneByOrFail(Fund, { comuneId, name: f.name });
        created.funds++;
      }
      await funds.topUp(
        ctx,
        fund.id,
        { amount: f.amount, reference: 'Bilancio 2026' },
        `demo-seed-${f.comune}-${f.name}`,
      );
    }

    const families: { id: string; slug: string }[] = await em.query(
      `SELECT id, slug FROM category WHERE parent_id IS NULL AND slug IN ('childcare', 'silvercare', 'familycare')`,
    );
    const year = now.getMonth() === 0 ? now.getFullYear() - 1 : now.getFullYear();
    const kindRows = [
      {
        slug: 'buono-spesa',
        kind: 'spending' as const,
        name: { it: 'Buono spesa', en: 'Shopping voucher' },
        description: {
          it: 'Per alimentari, farmacia e casalinghi nei negozi accreditati.',
          en: 'For groceries, pharmacy and household goods at accredited shops.',
        },
        shopCategories: ['alimentari', 'farmacia', 'casalinghi'],
      },
      {
        slug: 'voucher-servizi',
        kind: 'service' as const,
        name: { it: 'Voucher servizi', en: 'Service voucher' },
        description: {
          it: 'Per i servizi ChildCare, SilverCare e FamilyCare del catalogo.',
          en: 'For ChildCare, SilverCare and FamilyCare services of the catalogue.',
        },
        categoryIds: families.map((c) => c.id),
      },
      {
        slug: 'a-natale-compra-locale',
        kind: 'spending' as const,
        name: { it: 'A Natale... Compra Locale', en: 'At Christmas... Shop Local' },
        description: {
          it: 'Campagna del Distretto del Commercio: buoni da spendere nei negozi del territorio aderenti.',
          en: 'A campaign of the local retail district: vouchers to spend at the participating local shops.',
        },
        comuneId: comuni.get('tradate') ?? null,
        shopCategories: ['alimentari', 'abbigliamento', 'cartoleria', 'casalinghi'],
        campaign: true,
        startsOn: `${year}-12-01`,
        endsOn: `${year + 1}-01-06`,
      },
    ];
    for (const kind of kindRows) {
      if (await em.existsBy(VoucherKind, { slug: kind.slug })) continue;
      await kinds.create(ctx, kind);
      created.voucherKinds++;
    }

    const [household]: { id: string }[] = await em.query(
      `SELECT h.id FROM household h JOIN user_account u ON u.id = h.owner_user_id
       WHERE u.email = 'famiglia@demo.piazza.example'`,
    );
    if (!household) return;
    const gifts = [
      {
        key: 'demo-seed-family-spesa',
        fund: 'Buoni spesa emergenza 2026',
        kind: 'buono-spesa',
        amounts: [2500, 2500],
      },
      {
        key: 'demo-seed-family-servizi',
        fund: 'Voucher servizi famiglia 2026',
        kind: 'voucher-servizi',
        amounts: [10000],
      },
    ];
    for (const gift of gifts) {
      const systemKey = `system:${gift.key}`;
      if (await em.existsBy(VoucherAssignment, { idempotencyKey: systemKey })) continue;
      const fund = await em.findOneByOrFail(Fund, { comuneId: comuni.get('tradate'), name: gift.fund });
      const kind = await em.findOneByOrFail(VoucherKind, { slug: gift.kind });
      const assignment = await assignments.assign(
        ctx,
        household.id,
        {
          fundId: fund.id,
          kindId: kind.id,
          amounts: gift.amounts.map((a) => cents(a)),
          validFrom: new Date(now.getTime() - DAY),
          validUntil: new Date(now.getTime() + 90 * DAY),
          note: 'Dimostrazione',
        },
        gift.key,
      );
      // Issued here rather than by the worker, so the wallet is full as soon as `npm start` is up.
      created.vouchers += (await issuance.issue(ctx, assignment.id)).created;
    }
  });
  return created;
}
