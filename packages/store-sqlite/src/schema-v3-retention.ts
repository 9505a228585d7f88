/**
 * Version 3 of the schema: indexes that let retention find old rows without reading whole tables, and find
 * whether a delivery key is still used (by a delivery or a dead letter) without a scan per key.
 */
export const SCHEMA_V3_RETENTION = `
CREATE INDEX deliveries_sent_at ON deliveries (sent_at) WHERE status = 'sent';
CREATE INDEX deliveries_key ON deliveries (key);
CREATE INDEX dead_letters_key ON dead_letters (key) WHERE key IS NOT NULL;
CREATE INDEX seen_last_alerted ON seen (last_alerted_at);
CREATE INDEX delivery_keys_first_enqueued ON delivery_keys (first_enqueued_at);
CREATE INDEX delivery_records_updated ON delivery_records (updated_at);
`;
