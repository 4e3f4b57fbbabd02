// The documentation as a reader follows it: every relative link and anchor in the README, CONTRIBUTING.md,
// bench/README.md and docs/ resolves, every page of docs/ can be reached from the README, and the README stays short.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const README_LIMIT_BYTES = 15_360

const docsDir = join(root, 'docs')
const markdownFiles = [
  'README.md',
  'CONTRIBUTING.md',
  'bench/README.md',
  ...readdirSync(docsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => join('docs', file)),
]

/** The text a reader sees as prose: fenced code blocks removed, inline code kept as its plain content. */
function prose(markdown: string): string {
  return markdown.replace(/^ {0,3}(`{3,}|~{3,})[\s\S]*?^ {0,3}\1[^\n]*$/gm, '').replace(/`+([^`\n]*)`+/g, '$1')
}

/** Link targets: inline links and images, reference definitions, and HTML href/src attributes. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown)
  const inline = [...text.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
  const definitions = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)]
  const html = [...text.matchAll(/\b(?:href|src)="([^"]+)"/g)]
  return [...inline, ...definitions, ...html].map((match) => match[1] as string)
}

/** GitHub's heading anchors (as github-slugger makes them), duplicates numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const [, heading] of prose(markdown).matchAll(/^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    const text = (heading as string).replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '')
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count === 0 ? base : `${base}-${count}`)
  }
  return result
}

const isExternal = (target: string) => /^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')

interface Link {
  from: string
  target: string
  /** The linked file, relative to the repository root ('' for a link within the same file). */
  file: string
  fragment: string | undefined
}

const links: Link[] = markdownFiles.flatMap((from) =>
  linkTargets(readFileSync(join(root, from), 'utf8'))
    .filter((target) => !isExternal(target))
    .map((target) => {
      const [path = '', fragment] = target.split('#', 2)
      const file = path ? relative(root, resolve(root, dirname(from), decodeURI(path))) : from
      return { from, target, file, fragment: fragment === undefined ? undefined : decodeURIComponent(fragment) }
    }),
)

describe('documentation', () => {
  it(`keeps the README within ${README_LIMIT_BYTES} bytes`, () => {
    expect(statSync(join(root, 'README.md')).size).toBeLessThanOrEqual(README_LIMIT_BYTES)
  })

  it("keeps the README's try-it commands", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    for (const command of ['npm install', 'npm start', 'npm test']) expect(readme).toContain(command)
  })

  it('finds the links it checks', () => {
    // a parser that found nothing would pass every other test here
    expect(links.filter((link) => link.from === 'README.md').length).toBeGreaterThan(20)
  })

  it('resolves every relative link to a file in the repository', () => {
    const broken = links
      .filter((link) => !existsSync(join(root, link.file)))
      .map((link) => `${link.from}: ${link.target}`)
    expect(broken).toEqual([])
  })

  it('resolves every anchor to a heading of the linked page', () => {
    const broken = links
      .filter((link) => link.fragment && link.file.endsWith('.md') && existsSync(join(root, link.file)))
      .filter((link) => !anchors(readFileSync(join(root, link.file), 'utf8')).has(link.fragment as string))
      .map((link) => `${link.from}: ${link.target}`)
    expect(broken).toEqual([])
  })

  it('reaches every page of docs/ from the README', () => {
    const reached = new Set(['README.md'])
    for (const page of reached) {
      for (const link of links) if (link.from === page && link.file.endsWith('.md')) reached.add(link.file)
    }
    const pages = markdownFiles.filter((file) => file.startsWith('docs'))
    expect(pages.filter((page) => !reached.has(page))).toEqual([])
  })
})
