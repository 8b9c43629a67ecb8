import { StreamableFile } from '@nestjs/common';
import { type MerchantStatement, merchantStatementCsv, renderMerchantStatementPdf } from '@piazza/vouchers';

/** A shop's monthly statement as a download: CSV for spreadsheets, PDF for the records. */
export async function statementFile(
  statement: MerchantStatement,
  format: 'csv' | 'pdf',
): Promise<StreamableFile> {
  const filename = `estratto-conto-${statement.month}.${format}`;
  const disposition = `attachment; filename="${filename}"`;
  if (format === 'csv') {
    return new StreamableFile(Buffer.from(merchantStatementCsv(statement), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition,
    });
  }
  return new StreamableFile(await renderMerchantStatementPdf(statement), {
    type: 'application/pdf',
    disposition,
  });
}
