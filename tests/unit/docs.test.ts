// The documentation stays a place to live in (docs/decisions/0021-documentation-layout.md):
// README.md is a front door under 10 KB, every relative link in README.md and docs/**/*.md names a
// file or folder of this repository, every doc in docs/ is reachable from the README's
// "Documentation" index, and docs/configuration.md lists every variable the code reads.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyProviderEnvShape } from '../../lib/crypto/schemas.ts';
import {
  findBrokenLinks,
  findUnreachableDocs,
  headingAnchors,
  markdownLinkTargets,
  markdownSection,
  resolveLinkTarget,
} from '../helpers/markdown-links.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const README_MAX_BYTES = 10 * 1024;
const INDEX_HEADING = 'Documentation';

function markdownFilesUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.posix.join(folder, file.split(path.sep).join('/')))
    .sort();
}

function repositoryMarkdown(): Map<string, string> {
  const files = ['README.md', ...markdownFilesUnder('docs')];
  return new Map(files.map((file) => [file, readFileSync(path.join(ROOT, file), 'utf8')]));
}

const existsInRepository = (repoPath: string) => existsSync(path.join(ROOT, repoPath));

describe('the link checks themselves', () => {
  it('finds inline links, images and definitions, and ignores code', () => {
    const markdown = [
      'See [the vault](docs/pii-vault.md#keys "keys") and ![logo](<public/logo.svg>).',
      '`[not a link](nowhere.md)` and',
      '```',
      '[also not](nowhere.md)',
      '```',
      '[ref]: docs/decisions/',
      '[web](https://example.com) [mail](mailto:a@b.c) [anchor](#top)',
    ].join('\n');
    expect(markdownLinkTargets(markdown)).toEqual([
      'docs/pii-vault.md#keys',
      'public/logo.svg',
      'https://example.com',
      'mailto:a@b.c',
      '#top',
      'docs/decisions/',
    ]);
  });

  it('resolves targets against the linking file and skips web links and anchors', () => {
    expect(resolveLinkTarget('docs/decisions/0001-x.md', '../pii-vault.md#keys')).toBe('docs/pii-vault.md');
    expect(resolveLinkTarget('docs/amazon.md', '../lib/env.ts')).toBe('lib/env.ts');
    expect(resolveLinkTarget('docs/amazon.md', '/docs/decisions/')).toBe('docs/decisions');
    expect(resolveLinkTarget('README.md', 'docs/a%20b.md')).toBe('docs/a b.md');
    expect(resolveLinkTarget('README.md', 'https://example.com/x.md')).toBeNull();
    expect(resolveLinkTarget('README.md', '#quick-start')).toBeNull();
  });

  it('reports a missing file and a link out of the repository', () => {
    const files = new Map([
      ['README.md', '[ok](docs/a.md) [gone](docs/missing.md) [out](../shared/ARCHITECTURE.md)'],
      ['docs/a.md', '[back](../README.md) [code](../lib/env.ts)'],
    ]);
    const exists = (file: string) => ['README.md', 'docs/a.md', 'lib/env.ts'].includes(file);
    expect(findBrokenLinks(files, exists)).toEqual([
      { from: 'README.md', target: 'docs/missing.md', problem: 'missing' },
      { from: 'README.md', target: '../shared/ARCHITECTURE.md', problem: 'outside the repository' },
    ]);
  });

  it('derives heading ids as GitHub does and reports a link to a heading that does not exist', () => {
    const doc =
      '# Packline\n## Installing: `npm install`, not `npm ci`\n## Amazon (SP-API)\n## Notes\n## Notes\n```\n# not a heading\n```';
    expect([...headingAnchors(doc)]).toEqual([
      'packline',
      'installing-npm-install-not-npm-ci',
      'amazon-sp-api',
      'notes',
      'notes-1',
    ]);
    const files = new Map([
      [
        'README.md',
        '# Packline\n[a](docs/a.md#amazon-sp-api) [b](docs/a.md#gone) [c](#packline) [d](#nowhere)',
      ],
      ['docs/a.md', doc],
    ]);
    expect(findBrokenLinks(files, () => true)).toEqual([
      { from: 'README.md', target: 'docs/a.md#gone', problem: 'no such heading' },
      { from: 'README.md', target: '#nowhere', problem: 'no such heading' },
    ]);
  });

  it('takes a section up to the next heading of its level', () => {
    const markdown = '# T\n## Documentation\n- [a](a.md)\n### Sub\n- [b](b.md)\n## Licence\n[c](c.md)';
    expect(markdownSection(markdown, 'Documentation')).toBe('- [a](a.md)\n### Sub\n- [b](b.md)');
    expect(markdownSection(markdown, 'Missing')).toBeNull();
  });

  it('follows links from the index through docs, not back through the README', () => {
    const readme = '## Documentation\n[a](docs/a.md)\n## Other\n[c](docs/c.md)';
    const files = new Map([
      ['README.md', readme],
      ['docs/a.md', '[b](decisions/b.md) [readme](../README.md)'],
      ['docs/decisions/b.md', 'no links'],
      ['docs/c.md', 'linked from outside the index only'],
      ['docs/d.md', 'linked from nowhere'],
    ]);
    const index = markdownSection(readme, 'Documentation')!;
    expect(findUnreachableDocs('README.md', index, files, 'docs').sort()).toEqual(['docs/c.md', 'docs/d.md']);
  });
});

describe('the repository documentation', () => {
  it('keeps README.md a front door of at most 10 KB', () => {
    const bytes = statSync(path.join(ROOT, 'README.md')).size;
    expect(bytes, `README.md is ${bytes} bytes; move detail to docs/`).toBeLessThanOrEqual(README_MAX_BYTES);
  });

  it('has no relative link in README.md or docs/**/*.md to a missing file or out of the repository', () => {
    expect(findBrokenLinks(repositoryMarkdown(), existsInRepository)).toEqual([]);
  });

  it('reaches every doc in docs/ from the README documentation index', () => {
    const files = repositoryMarkdown();
    const index = markdownSection(files.get('README.md')!, INDEX_HEADING);
    expect(index, `README.md needs a "## ${INDEX_HEADING}" section`).not.toBeNull();
    expect(findUnreachableDocs('README.md', index!, files, 'docs')).toEqual([]);
  });

  it('lists in docs/configuration.md every variable lib/env.ts parses, and only variables something reads', () => {
    const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
    const parsed = [
      ...[...read('lib/env.ts').matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!),
      ...Object.keys(keyProviderEnvShape),
    ];
    expect(parsed).toEqual(expect.arrayContaining(['DATABASE_URL', 'KEY_PROVIDER', 'COURIER_TIMEOUT_MS']));
    const documented = [...read('docs/configuration.md').matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map(
      (m) => m[1]!,
    );
    expect(parsed.filter((name) => !documented.includes(name))).toEqual([]);

    // The rest are read by the development scripts and the simulators, not by the app.
    const scripts = [
      'scripts/dev.ts',
      'tests/simulators/amazon/main.ts',
      'tests/simulators/courier/main.ts',
      'tests/simulators/kms/main.ts',
      'tests/e2e/chromium.ts',
    ]
      .map(read)
      .join('\n');
    const scriptOnly = documented.filter((name) => !parsed.includes(name));
    expect(scriptOnly.filter((name) => !scripts.includes(`process.env.${name}`))).toEqual([]);
  });
});
