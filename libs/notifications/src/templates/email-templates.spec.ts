import { renderEmail, UnknownTemplateError } from './email-templates';

describe(renderEmail.name, () => {
  it('writes Italian first, then English, with the link in both', () => {
    const email = renderEmail('verify-email', {
      name: 'Anna',
      link: 'https://x.example/v?t=1',
      ambito: 'Piazza',
    });
    expect(email.subject).toMatch(/^Conferma .* · Confirm/);
    expect(email.text.indexOf('Ciao Anna')).toBeLessThan(email.text.indexOf('Hello Anna'));
    expect(email.text.match(/https:\/\/x\.example\/v\?t=1/g)).toHaveLength(2);
  });

  it('escapes what a person typed before putting it in HTML', () => {
    const email = renderEmail('verify-email', {
      name: '<b>Anna</b>',
      link: 'https://x.example',
      ambito: 'Piazza',
    });
    expect(email.html).toContain('&lt;b&gt;Anna&lt;/b&gt;');
    expect(email.html).not.toContain('<b>Anna</b>');
  });

  it('refuses an unknown template or a missing value instead of sending a broken e-mail', () => {
    expect(() => renderEmail('nope', {})).toThrow(UnknownTemplateError);
    expect(() => renderEmail('reset-password', { name: 'Anna', ambito: 'Piazza' })).toThrow(/needs link/);
  });

  it('tells an organisation why its service went back to draft, in Italian then English', () => {
    const email = renderEmail('service-moderation', {
      organisation: 'Il Cortile dei Ragazzi',
      service: 'Doposcuola',
      decision: 'refused',
      note: 'Manca il prezzo per fratelli',
      link: 'https://x.example/ente/servizi/1',
      ambito: 'Piazza',
    });
    expect(email.subject).toContain('«Doposcuola» da rivedere');
    expect(email.text.indexOf('Nota: Manca il prezzo')).toBeLessThan(
      email.text.indexOf('Note: Manca il prezzo'),
    );
    expect(email.text).toContain('rimandato in bozza');
    expect(email.text).not.toContain('approvato');
  });
});
