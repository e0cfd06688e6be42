// Link checks over the repository's Markdown (tests/unit/docs.test.ts). Pure functions over
// { path → text } maps, so the test proves them on small fixtures before applying them to the tree.
import path from 'node:path';

const withoutFencedBlocks = (markdown: string) =>
  markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** Fenced code blocks and inline code spans hold examples, not links. */
function withoutCode(markdown: string): string {
  return withoutFencedBlocks(markdown).replace(/(`+)[^`\n][\s\S]*?\1/g, '');
}

/** GitHub's heading ids: lower case, punctuation dropped, each space a hyphen, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of withoutFencedBlocks(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = heading!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const repeats = seen.get(base) ?? 0;
    seen.set(base, repeats + 1);
    anchors.add(repeats === 0 ? base : `${base}-${repeats}`);
  }
  return anchors;
}

/** Targets of inline links and images `[text](target "title")` and of `[label]: target` definitions. */
export function markdownLinkTargets(markdown: string): string[] {
  const text = withoutCode(markdown);
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)].map((m) => m[1]!);
  const definitions = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$/gm)].map((m) => m[1]!);
  return [...inline, ...definitions];
}

/** The repository-relative file a link points at, or null for web links, mail and in-page anchors. */
export function resolveLinkTarget(fromFile: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.startsWith('#')) return null;
  const file = decodeURIComponent(target.replace(/[?#].*$/, ''));
  const resolved = file.startsWith('/')
    ? path.posix.normalize(file.slice(1))
    : path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), file));
  return resolved === '' ? '.' : resolved.replace(/\/$/, '');
}

export interface BrokenLink {
  from: string;
  target: string;
  problem: 'missing' | 'outside the repository' | 'no such heading';
}

/**
 * Relative links that leave the repository or name a file or folder that does not exist, and
 * links to a heading (`doc.md#heading`, `#heading`) of a Markdown file that has no such heading.
 */
export function findBrokenLinks(
  files: ReadonlyMap<string, string>,
  exists: (repoPath: string) => boolean,
): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const [from, markdown] of files) {
    for (const target of markdownLinkTargets(markdown)) {
      const resolved = target.startsWith('#') ? from : resolveLinkTarget(from, target);
      if (resolved === null) continue;
      const fragment = /#(.+)$/.exec(target)?.[1];
      const linked = files.get(resolved);
      if (resolved === '..' || resolved.startsWith('../'))
        broken.push({ from, target, problem: 'outside the repository' });
      else if (!exists(resolved)) broken.push({ from, target, problem: 'missing' });
      else if (fragment && linked !== undefined && !headingAnchors(linked).has(decodeURIComponent(fragment)))
        broken.push({ from, target, problem: 'no such heading' });
    }
  }
  return broken;
}

/** The text under a heading, up to the next heading of the same or a higher level. */
export function markdownSection(markdown: string, heading: string): string | null {
  const lines = markdown.split('\n');
  const start = lines.findIndex(
    (line) => /^#{1,6} /.test(line) && line.replace(/^#+ /, '').trim() === heading,
  );
  if (start === -1) return null;
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex(
    (line, i) => i > start && /^#{1,6} /.test(line) && /^#+/.exec(line)![0].length <= level,
  );
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

/**
 * Markdown files under `docsFolder` that no chain of links reaches from the index: the index's
 * links first, then the links of every doc reached, breadth first. Only docs are followed, so a
 * doc linking back to the README does not make the whole README count as the index.
 */
export function findUnreachableDocs(
  indexFile: string,
  indexMarkdown: string,
  files: ReadonlyMap<string, string>,
  docsFolder: string,
): string[] {
  const docs = new Set(
    [...files.keys()].filter((file) => file.startsWith(`${docsFolder}/`) && file.endsWith('.md')),
  );
  const reached = new Set<string>();
  const queue: [string, string][] = [[indexFile, indexMarkdown]];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [from, markdown] = next;
    for (const target of markdownLinkTargets(markdown)) {
      const resolved = resolveLinkTarget(from, target);
      if (resolved === null || reached.has(resolved) || !docs.has(resolved)) continue;
      reached.add(resolved);
      queue.push([resolved, files.get(resolved)!]);
    }
  }
  return [...docs].filter((doc) => !reached.has(doc));
}
