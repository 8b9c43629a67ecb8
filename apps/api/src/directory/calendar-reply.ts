import type { CalendarFile } from '@piazza/catalogue';
import type { FastifyReply } from 'fastify';

/** Sends an iCalendar file for calendar apps to show or subscribe to (inline, not as a download). */
export function sendCalendar(reply: FastifyReply, file: CalendarFile): string {
  void reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${file.filename}"`)
    .header('cache-control', 'public, max-age=300');
  return file.body;
}
