// Report-writing worker entry when wiretrace runs from its TypeScript sources: register tsx in this thread, then run it.
import {register} from 'tsx/esm/api'

register()
await import('./write-worker.ts')
