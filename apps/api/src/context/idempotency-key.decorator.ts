import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ValidationError } from '@piazza/core';
import type { FastifyRequest } from 'fastify';

const KEY = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * The `Idempotency-Key` header of a request that moves money: required, 1-100 characters of
 * `[A-Za-z0-9_.:-]`. A retry with the same key returns the first answer (the services make sure).
 */
export const IdempotencyKey = createParamDecorator((_: unknown, host: ExecutionContext): string => {
  const value = host.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (typeof value !== 'string' || !KEY.test(value))
    throw new ValidationError([
      {
        field: 'Idempotency-Key',
        message: {
          it: "manca l'intestazione Idempotency-Key (da 1 a 100 caratteri tra lettere, cifre e _ . : -), che evita di ripetere un movimento di denaro se la richiesta viene inviata due volte",
          en: 'the Idempotency-Key header is missing (1 to 100 letters, digits or _ . : -); it keeps a money movement from happening twice when a request is sent again',
        },
      },
    ]);
  return value;
});

/** Documents the header in the OpenAPI description of a route. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'A retry with the same key returns the first answer; the same key with another request is 422.',
    }),
  );
