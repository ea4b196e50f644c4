import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
