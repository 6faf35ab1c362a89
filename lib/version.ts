/** The name and version written into every report, so a reader knows which code made it. */
import packageJson from '../package.json' with {type: 'json'}

export const VERSION: string = packageJson.version
export const GENERATOR = `wiretrace ${VERSION}`
