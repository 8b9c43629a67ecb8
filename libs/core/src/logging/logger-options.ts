import type { LoggerOptions } from 'pino';
import type { AppConfig } from '../config/app-config';

/**
 * Structured JSON logs for every process. Secrets and personal data that can reach a log line (cookies,
 * authorisation headers, passwords) are redacted; in development the lines are made readable.
 */
export function loggerOptions(
  config: Pick<AppConfig, 'LOG_LEVEL' | 'NODE_ENV'>,
  name: string,
): LoggerOptions {
  return {
    name,
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.token',
      ],
      censor: '[redacted]',
    },
    ...(config.NODE_ENV === 'development' && process.stdout.isTTY
      ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  };
}
