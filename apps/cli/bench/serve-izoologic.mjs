// Serves the iZoologic fake on loopback for the start-up bench and reports its URL to the parent.
import { createIZoologicFake, serve } from '@tqalert/fixtures';

const served = await serve((baseUrl) =>
  createIZoologicFake({ baseUrl, cases: [{ id: 'CASE123456', caseType: 2, clientCode: 'ABC' }] }),
);
process.send?.(served.url);
process.on('SIGTERM', () => served.close().then(() => process.exit(0)));
