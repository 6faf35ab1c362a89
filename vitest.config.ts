import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/build.ts', 'test/helpers/temp-folder.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000
  }
})
