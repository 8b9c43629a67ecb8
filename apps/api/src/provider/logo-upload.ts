import type {} from '@fastify/multipart';
import { LOGO_MAX_BYTES } from '@piazza/catalogue';
import { DomainError } from '@piazza/core';
import type { FastifyRequest } from 'fastify';

export class LogoTooLargeError extends DomainError {
  constructor() {
    super(
      'LOGO_TOO_LARGE',
      413,
      {
        it: 'Il logo supera 5 MB: riducilo o salvalo in un formato più leggero (PNG, JPEG o WebP).',
        en: 'The logo is larger than 5 MB: shrink it or save it in a lighter format (PNG, JPEG or WebP).',
      },
      'logo',
    );
  }
}

/**
 * The bytes of the file field `logo` of a multipart/form-data request, at most 5 MB; null when the
 * request carries no such file (the service says what is missing, after checking who asks).
 */
export async function readLogoUpload(request: FastifyRequest): Promise<Buffer | null> {
  if (!request.isMultipart()) return null;
  const part = await request.file({ limits: { fileSize: LOGO_MAX_BYTES, files: 1 } });
  if (!part) return null;
  if (part.fieldname !== 'logo') {
    // Drained, or the request would never end.
    part.file.resume();
    return null;
  }
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new LogoTooLargeError();
    throw error;
  }
}
