// Worker entry for the benchmark's TypeScript workers: register tsx in this thread, then run the module `workerData.entry` names.
import {workerData} from 'node:worker_threads'
import {register} from 'tsx/esm/api'

register()
await import(workerData.entry)
