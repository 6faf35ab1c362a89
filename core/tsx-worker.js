// Worker entry for a TypeScript module, when wiretrace runs from its sources (the npm scripts, the tests, the bench):
// registers tsx in this thread, then runs the module the thread was started with, its last argument.
import {register} from 'tsx/esm/api'

register()
await import(process.argv.at(-1))
