import { setupTestServer } from './test-database';

export default async function globalSetup(): Promise<void> {
  (globalThis as { __REKISTERI_STOP__?: () => Promise<void> }).__REKISTERI_STOP__ = await setupTestServer();
}
