import type { PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@piazza/core';
import { SLUG } from '../context/query-params';

/** A slug in the path that cannot be one names nothing: 404, like a slug that does not exist. */
export class SlugParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (value.length > 200 || !SLUG.test(value)) throw new NotFoundError();
    return value;
  }
}
