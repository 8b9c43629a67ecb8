import { csvAmount, csvField, spreadsheetCsv } from './spreadsheet-csv';

describe('spreadsheet CSV', () => {
  it('writes cents as euro with a decimal comma', () => {
    expect([csvAmount(0), csvAmount(5), csvAmount(123456), csvAmount(-5500)]).toEqual([
      '0,00',
      '0,05',
      '1234,56',
      '-55,00',
    ]);
  });

  it('never lets a cell run as a formula, but keeps a negative amount a number', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-55,00')).toBe('-55,00');
  });

  it('starts with a BOM and ends every row with CRLF', () => {
    expect(spreadsheetCsv([['a', 'b;c'], [], ['1,00']])).toBe('\uFEFFa;"b;c"\r\n\r\n1,00\r\n');
  });
});
