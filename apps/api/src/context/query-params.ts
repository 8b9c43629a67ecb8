import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, Matches } from 'class-validator';

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `a,b,c` (or the parameter repeated) as a list of slugs. */
export function SlugList(max = 50) {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
        .map((v) => (typeof v === 'string' ? v.trim() : v))
        .filter((v) => v !== ''),
    ),
    IsArray(),
    ArrayMaxSize(max),
    Matches(SLUG, { each: true }),
  );
}

/** `true` or `false` in the query string, as a boolean (anything else stays text and fails). */
export function BooleanParam() {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean(),
  );
}
