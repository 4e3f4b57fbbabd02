// One naming style for test files (CONTRIBUTING.md): kebab-case, so a reader finds a test by what it covers.
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')

/** Every test file under `test/`, fixture projects and installed packages left out. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return ['fixtures', 'node_modules'].includes(entry.name) ? [] : testFiles(path)
    return /\.test(-d)?\.tsx?$/.test(entry.name) ? [relative(root, path)] : []
  })
}

it('names every test file in kebab-case', () => {
  const files = testFiles(join(root, 'test'))
  expect(files.length).toBeGreaterThan(50)
  const kebab = /^[a-z0-9]+(-[a-z0-9]+)*\.test(-d)?\.tsx?$/
  expect(files.filter((file) => !kebab.test(file.split('/').pop() ?? ''))).toEqual([])
})
