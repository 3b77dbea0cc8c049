export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __REKISTERI_STOP__?: () => Promise<void> }).__REKISTERI_STOP__?.();
}
