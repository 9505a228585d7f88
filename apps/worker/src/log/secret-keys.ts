import { REDACTED } from '@tqalert/core';

// Keys whose value is a secret whatever it looks like, including the spellings the core Redactor's key pattern
// misses (`secretKey`, `signingKey`, `hmacKey`). pino masks them before a line is serialised; the Redactor
// masks its own key pattern at any depth and scrubs registered secrets from every string.
const KEYS = [
  'password',
  'pass',
  'passwd',
  'secret',
  'secretKey',
  'secretkey',
  'token',
  'accessToken',
  'refreshToken',
  'metricsToken',
  'apiKey',
  'apikey',
  'api_key',
  'signingKey',
  'hmacKey',
  'privateKey',
  'clientSecret',
  'client_secret',
  'authorization',
  'cookie',
  'credentials',
  'IZOOLOGIC_SECRET_KEY',
  'IZOOLOGIC_API_KEY',
];

/** pino's `redact` option: those keys at the top of a line's fields and one level down. */
export const PINO_REDACT = {
  paths: KEYS.flatMap((key) => [key, `*.${key}`]),
  censor: REDACTED,
};
