import { Pipe, type PipeTransform } from '@angular/core';

/**
 * `{{ member.dateOfBirth | calendarDate }}`: a calendar date from the API (`YYYY-MM-DD`) as
 * dd/mm/yyyy. Split as text, never through `Date`, so no time zone can move a birthday by a day.
 */
@Pipe({ name: 'calendarDate' })
export class CalendarDatePipe implements PipeTransform {
  transform(isoDate: string | null | undefined): string {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate ?? '');
    return match ? `${match[3]}/${match[2]}/${match[1]}` : (isoDate ?? '');
  }
}
