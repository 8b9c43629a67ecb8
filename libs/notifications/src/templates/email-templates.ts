/**
 * E-mail templates. Every message is written in Italian first and English second, in the same e-mail:
 * the recipient's language is not always known (assisted registrations, invitations).
 */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface Template {
  /** The values the template needs; rendering fails loudly if one is missing. */
  params: readonly string[];
  render(p: Record<string, string>): {
    subject: string;
    it: string[];
    en: string[];
    action?: { href: string; it: string; en: string };
  };
}

export const EMAIL_TEMPLATES = {
  'verify-email': {
    params: ['name', 'link', 'ambito'],
    render: (p) => ({
      subject: `Conferma il tuo indirizzo e-mail · Confirm your e-mail address — ${p['ambito']}`,
      it: [
        `Ciao ${p['name']},`,
        `per completare la registrazione a ${p['ambito']} conferma il tuo indirizzo e-mail. Il link vale 48 ore e si può usare una sola volta.`,
      ],
      en: [
        `Hello ${p['name']},`,
        `to complete your registration with ${p['ambito']}, please confirm your e-mail address. The link is valid for 48 hours and can be used once.`,
      ],
      action: { href: p['link'], it: 'Conferma l’indirizzo', en: 'Confirm the address' },
    }),
  },
  'reset-password': {
    params: ['name', 'link', 'ambito'],
    render: (p) => ({
      subject: `Nuova password · New password — ${p['ambito']}`,
      it: [
        `Ciao ${p['name']},`,
        `abbiamo ricevuto una richiesta di nuova password. Il link vale 1 ora e si può usare una sola volta. Se non sei stato tu, ignora questo messaggio: la tua password resta la stessa.`,
      ],
      en: [
        `Hello ${p['name']},`,
        `we received a request for a new password. The link is valid for 1 hour and can be used once. If it was not you, ignore this message: your password stays the same.`,
      ],
      action: { href: p['link'], it: 'Scegli una nuova password', en: 'Choose a new password' },
    }),
  },
  'organisation-invite': {
    params: ['organisation', 'inviter', 'link', 'ambito'],
    render: (p) => ({
      subject: `Invito a ${p['organisation']} · Invitation to ${p['organisation']} — ${p['ambito']}`,
      it: [
        `${p['inviter']} ti invita a gestire ${p['organisation']} su ${p['ambito']}.`,
        'Il link vale 7 giorni e si può usare una sola volta. Se non ti aspettavi questo invito, ignora il messaggio.',
      ],
      en: [
        `${p['inviter']} invites you to manage ${p['organisation']} on ${p['ambito']}.`,
        'The link is valid for 7 days and can be used once. If you did not expect this invitation, ignore this message.',
      ],
      action: { href: p['link'], it: 'Accetta l’invito', en: 'Accept the invitation' },
    }),
  },
  'organisation-accreditation': {
    params: ['organisation', 'decision', 'note', 'ambito'],
    render: (p) => {
      const accredited = p['decision'] === 'accredited';
      return {
        subject: accredited
          ? `${p['organisation']} è accreditata · ${p['organisation']} is accredited — ${p['ambito']}`
          : `Accreditamento di ${p['organisation']} · Accreditation of ${p['organisation']} — ${p['ambito']}`,
        it: [
          accredited
            ? `L'Ufficio di Piano ha accreditato ${p['organisation']}: ora puoi pubblicare servizi e incassare buoni.`
            : `L'Ufficio di Piano non ha accreditato ${p['organisation']}.`,
          ...(p['note'] ? [`Nota: ${p['note']}`] : []),
        ],
        en: [
          accredited
            ? `The Ambito office accredited ${p['organisation']}: you can now publish services and redeem vouchers.`
            : `The Ambito office did not accredit ${p['organisation']}.`,
          ...(p['note'] ? [`Note: ${p['note']}`] : []),
        ],
      };
    },
  },
  'service-moderation': {
    params: ['organisation', 'service', 'decision', 'note', 'link', 'ambito'],
    render: (p) => {
      const approved = p['decision'] === 'approved';
      return {
        subject: approved
          ? `«${p['service']}» è pubblicato · «${p['service']}» is published — ${p['ambito']}`
          : `«${p['service']}» da rivedere · «${p['service']}» needs changes — ${p['ambito']}`,
        it: [
          approved
            ? `L'Ufficio di Piano ha approvato il servizio «${p['service']}» di ${p['organisation']}: ora è nel catalogo. Le prossime modifiche saranno pubblicate subito, senza nuova approvazione.`
            : `L'Ufficio di Piano ha rimandato in bozza il servizio «${p['service']}» di ${p['organisation']}. Correggilo e invialo di nuovo per la pubblicazione.`,
          ...(p['note'] ? [`Nota: ${p['note']}`] : []),
        ],
        en: [
          approved
            ? `The Ambito office approved the service “${p['service']}” of ${p['organisation']}: it is now in the catalogue. Further changes are published at once, without a new approval.`
            : `The Ambito office sent the service “${p['service']}” of ${p['organisation']} back to draft. Correct it and submit it again for publication.`,
          ...(p['note'] ? [`Note: ${p['note']}`] : []),
        ],
        action: approved
          ? { href: p['link'], it: 'Vedi il servizio', en: 'See the service' }
          : { href: p['link'], it: 'Modifica il servizio', en: 'Edit the service' },
      };
    },
  },
  'order-update': {
    params: ['number', 'provider', 'status', 'total', 'link', 'ambito', 'reason'],
    render: (p) => {
      const text = ORDER_STATUS_TEXT[p['status']] ?? ORDER_STATUS_TEXT['paid'];
      return {
        subject: `Ordine ${p['number']}: ${text.it} · Order ${p['number']}: ${text.en} — ${p['ambito']}`,
        it: [
          `Il tuo ordine ${p['number']} presso ${p['provider']} (${p['total']}) è ${text.it}.`,
          ...(p['reason'] ? [`Motivo: ${p['reason']}`] : []),
          ...(text.refund
            ? [
                'I buoni usati tornano disponibili e l’eventuale importo pagato con carta ti viene rimborsato sulla stessa carta.',
              ]
            : []),
        ],
        en: [
          `Your order ${p['number']} with ${p['provider']} (${p['total']}) is ${text.en}.`,
          ...(p['reason'] ? [`Reason: ${p['reason']}`] : []),
          ...(text.refund
            ? [
                'The vouchers used are available again and any amount paid by card is refunded to the same card.',
              ]
            : []),
        ],
        action: { href: p['link'], it: 'Vedi l’ordine', en: 'See the order' },
      };
    },
  },
} satisfies Record<string, Template>;

const ORDER_STATUS_TEXT: Record<string, { it: string; en: string; refund?: boolean }> = {
  paid: { it: 'pagato', en: 'paid' },
  confirmed: { it: 'confermato dall’ente', en: 'confirmed by the provider' },
  fulfilled: { it: 'completato', en: 'completed' },
  cancelled: { it: 'annullato', en: 'cancelled', refund: true },
  declined: { it: 'rifiutato dall’ente', en: 'declined by the provider', refund: true },
  expired: { it: 'scaduto senza pagamento', en: 'expired without payment' },
};

export type EmailTemplateName = keyof typeof EMAIL_TEMPLATES;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export class UnknownTemplateError extends Error {}

/** Renders a template to a plain-text and an HTML body. */
export function renderEmail(name: string, params: Record<string, string>): RenderedEmail {
  const template = (EMAIL_TEMPLATES as Record<string, Template>)[name];
  if (!template) throw new UnknownTemplateError(`Unknown e-mail template "${name}"`);
  const missing = template.params.filter((p) => typeof params[p] !== 'string');
  if (missing.length) throw new UnknownTemplateError(`Template "${name}" needs ${missing.join(', ')}`);
  const { subject, it, en, action } = template.render(params);
  const text = [
    ...it,
    ...(action ? [`${action.it}: ${action.href}`] : []),
    '',
    '— English —',
    ...en,
    ...(action ? [`${action.en}: ${action.href}`] : []),
  ].join('\n\n');
  const block = (lang: 'it' | 'en', lines: string[]) =>
    `<div lang="${lang}">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}${
      action ? `<p><a href="${escapeHtml(action.href)}">${escapeHtml(action[lang])}</a></p>` : ''
    }</div>`;
  const html = `<!doctype html><html lang="it"><body style="font-family:sans-serif;line-height:1.5">${block('it', it)}<hr>${block('en', en)}</body></html>`;
  return { subject, text, html };
}
