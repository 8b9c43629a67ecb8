import PDFDocument from 'pdfkit';

export interface AccessLetter {
  platformName: string;
  ambitoName: string;
  recipient: { name: string; address: string; comune: string };
  username: string;
  code: string;
  validUntil: Date;
  firstAccessUrl: string;
  helpContacts: string;
}

const formatDate = (d: Date, locale: string) =>
  d.toLocaleDateString(locale, { day: '2-digit', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' });

/**
 * An A4 letter for a citizen without e-mail: the username and one-time code to open the account, with
 * instructions in Italian and English. The address block sits where a window envelope shows it.
 */
export function renderAccessLetter(letter: AccessLetter): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: { Title: `${letter.platformName} — lettera di accesso`, Author: letter.ambitoName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const width = doc.page.width - 128;
  doc.font('Helvetica-Bold').fontSize(16).fillColor('#003366').text(letter.platformName);
  doc.font('Helvetica').fontSize(10).fillColor('#333333').text(letter.ambitoName);

  // Window-envelope position (DL right window: ~ 120 mm from the left, 50 mm from the top).
  doc.font('Helvetica').fontSize(11).fillColor('#000000');
  doc.text(letter.recipient.name, 320, 150, { width: 210 });
  doc.text(letter.recipient.address, { width: 210 });
  if (letter.recipient.comune) doc.text(letter.recipient.comune, { width: 210 });

  doc.x = 64;
  doc.y = 260;
  doc.font('Helvetica-Bold').fontSize(14).text(`Il tuo accesso a ${letter.platformName}`, { width });
  doc.moveDown(0.5);
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(
      `Gentile ${letter.recipient.name}, il Servizio sociale del tuo Comune ha registrato il tuo nucleo familiare su ` +
        `${letter.platformName}. Con i dati qui sotto puoi entrare la prima volta e scegliere la tua password.`,
      { width },
    );
  doc.moveDown();

  const boxTop = doc.y;
  doc.roundedRect(64, boxTop, width, 96, 6).lineWidth(1.5).strokeColor('#003366').stroke();
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#333333')
    .text('Nome utente / Username', 80, boxTop + 12);
  doc
    .font('Courier-Bold')
    .fontSize(18)
    .fillColor('#000000')
    .text(letter.username, 80, boxTop + 26);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#333333')
    .text('Codice di primo accesso / One-time code', 80, boxTop + 52);
  doc
    .font('Courier-Bold')
    .fontSize(18)
    .fillColor('#000000')
    .text(letter.code, 80, boxTop + 66);
  doc.x = 64;
  doc.y = boxTop + 108;

  doc
    .font('Helvetica')
    .fontSize(11)
    .text(`Il codice vale fino al ${formatDate(letter.validUntil, 'it-IT')} e si usa una sola volta.`, {
      width,
    });
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').text('Come fare', { width });
  doc
    .font('Helvetica')
    .list(
      [
        `Apri ${letter.firstAccessUrl}`,
        'Scrivi il nome utente e il codice di primo accesso.',
        'Scegli una password di almeno 10 caratteri: da quel momento entri con nome utente e password.',
      ],
      { width, bulletRadius: 2 },
    );
  doc.moveDown(0.5);
  doc.text(`Se hai bisogno di aiuto: ${letter.helpContacts}`, { width });

  doc.moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(12).text(`Your access to ${letter.platformName}`, { width });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `Your Comune's social service registered your household on ${letter.platformName}. Open ${letter.firstAccessUrl}, ` +
        `type the username and the one-time code above (valid until ${formatDate(letter.validUntil, 'en-GB')}, usable once) ` +
        'and choose a password of at least 10 characters.',
      { width },
    );

  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(
      'Conserva questa lettera in un luogo sicuro e non mostrarla ad altri: chi ha il codice può aprire il tuo account. ' +
        'Keep this letter safe: whoever has the code can open your account.',
      64,
      doc.page.height - 100,
      { width },
    );
  doc.end();
  return done;
}
