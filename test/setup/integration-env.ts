import { DefaultLogger, Runtime } from '@temporalio/worker';

// Real servers are slower than pure code; this applies to integration files only.
jest.setTimeout(180_000);

// Workers log every state change at INFO; tests only need warnings and errors.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed by an earlier file in this process
}
