import { parentPort, workerData } from 'node:worker_threads';

// A worker for the tests of startWorker and of the build: answers its input doubled and the URL it
// was loaded from, which tells the compiled file from the TypeScript source.
parentPort!.postMessage({ doubled: (workerData as number) * 2, url: import.meta.url });
