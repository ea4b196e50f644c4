import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

// prom-client's index also loads its Pushgateway (and with it http, https, tls and zlib) and its
// cluster aggregator, which the service never uses: requiring the five modules it does use keeps
// ~2.5 MiB off the idle process. The package has no exports map, so these paths resolve; if an update
// moves them, GET /metrics fails its test (test/serve.test.ts).
const require = createRequire(import.meta.url);
const Registry: typeof PromClient.Registry = require('prom-client/lib/registry');
const Counter: typeof PromClient.Counter = require('prom-client/lib/counter');
const Gauge: typeof PromClient.Gauge = require('prom-client/lib/gauge');
const Histogram: typeof PromClient.Histogram = require('prom-client/lib/histogram');
const collectDefaultMetrics: typeof PromClient.collectDefaultMetrics = require('prom-client/lib/defaultMetrics');

/** The service's Prometheus metrics, served at GET /metrics. One registry per service instance. */
export class Metrics {
  readonly registry = new Registry();
  readonly inboxReceived = new Counter({
    name: 'linli_inbox_received_total',
    help: 'Incoming events saved to the inbox',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  readonly inboxDuplicates = new Counter({
    name: 'linli_inbox_duplicates_total',
    help: 'Incoming events ignored as repeats',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  readonly inboxHandled = new Counter({
    name: 'linli_inbox_handled_total',
    help: 'Inbox events handled, by outcome',
    labelNames: ['platform', 'outcome'],
    registers: [this.registry],
  });
  readonly outboxSent = new Counter({
    name: 'linli_outbox_delivered_total',
    help: 'Outbox delivery attempts, by outcome',
    labelNames: ['platform', 'outcome'],
    registers: [this.registry],
  });
  readonly ticketsCreated = new Counter({
    name: 'linli_tickets_created_total',
    help: 'Tickets opened',
    labelNames: ['category', 'urgency'],
    registers: [this.registry],
  });
  readonly webhookRejected = new Counter({
    name: 'linli_webhook_rejected_total',
    help: 'Webhook requests refused',
    labelNames: ['platform', 'reason'],
    registers: [this.registry],
  });
  readonly classifyLatency = new Histogram({
    name: 'linli_classify_seconds',
    help: 'Time to classify a message',
    labelNames: ['source'],
    buckets: [0.0005, 0.002, 0.01, 0.05, 0.25, 1, 3, 10, 30],
    registers: [this.registry],
  });
  /**
   * Voice notes by what became of them: words (`ok`), none (`failed`, `timeout`), never sent
   * (`over-limit`, `disabled`), or under half a second and not filed (`too-short`).
   */
  readonly transcriptions = new Counter({
    name: 'linli_transcriptions_total',
    help: 'Voice notes by transcription outcome (ok, failed, timeout, over-limit, disabled, too-short)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  /**
   * Staff cards of voice-note tickets by what they carried: the recording `saved`, `unavailable` (the
   * platform would not hand it over), or `waited` (still not downloaded after 5 minutes); `held`:
   * whether the card waited for the download.
   */
  readonly voiceCards = new Counter({
    name: 'linli_voice_cards_total',
    help: 'Staff cards of voice notes by their recording (saved, unavailable, waited) and whether they waited for it',
    labelNames: ['recording', 'held'],
    registers: [this.registry],
  });
  readonly transcribedSeconds = new Counter({
    name: 'linli_transcribed_audio_seconds_total',
    help: 'Seconds of audio transcribed (what the speech endpoint is paid by)',
    registers: [this.registry],
  });
  readonly transcribeLatency = new Histogram({
    name: 'linli_transcribe_seconds',
    help: 'Time the speech endpoint took for one voice note, by outcome',
    labelNames: ['outcome'],
    buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'linli_queue_items',
    help: 'Inbox and outbox items by status',
    labelNames: ['queue', 'status'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'linli_' });
  }
}
