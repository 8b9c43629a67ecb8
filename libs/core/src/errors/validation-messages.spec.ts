import { IsIn, IsInt, Max, Min, validateSync } from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import { toValidationError } from './validation-messages';

class Query {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @Type(() => Number)
  @IsInt()
  @Max(100)
  pageSize = 20;

  @IsIn(['it', 'en'])
  lang = 'it';
}

describe(toValidationError.name, () => {
  it('names every bad field with a message in Italian and English', () => {
    const errors = validateSync(plainToInstance(Query, { page: '0', pageSize: '500', lang: 'fr' }));
    const error = toValidationError(errors);
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.field).toBe('page');
    expect(error.details).toEqual([
      { field: 'page', message: { it: 'deve essere almeno 1', en: 'must be at least 1' } },
      { field: 'pageSize', message: { it: 'non può superare 100', en: 'must not exceed 100' } },
      { field: 'lang', message: { it: 'deve essere uno tra: it, en', en: 'must be one of: it, en' } },
    ]);
    expect(error.toBody().message.it).toBe('Dato non valido in "page": deve essere almeno 1');
  });
});
