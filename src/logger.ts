import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs for machines, or readable lines for a terminal (LOG_FORMAT=pretty, the default
 * when stdout is a TTY). Secrets that may travel in URLs or headers are redacted.
 */
export function createLogger(options: { level: string; format: 'json' | 'pretty' }): Logger {
  const base = {
    level: options.level,
    redact: {
      paths: [
        'token',
        '*.token',
        'headers.authorization',
        '*.headers.authorization',
        'headers["x-line-signature"]',
        'apiKey',
        '*.apiKey',
      ],
      censor: '[redacted]',
    },
  };
  if (options.format === 'pretty') {
    return pino({
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', destination: 2 },
      },
    });
  }
  return pino(base, pino.destination({ dest: 2, sync: false }));
}

/** Hides bot tokens inside URLs (Telegram file URLs and API paths carry them). */
export function redactSecrets(text: string): string {
  return text.replace(/bot\d+:[\w-]+/g, 'bot<token>').replace(/(Bearer\s+)[\w.-]+/gi, '$1<token>');
}
