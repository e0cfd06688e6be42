// Link checks over the repository's Markdown (tests/unit/docs.test.ts). Pure functions over
// { path → text } maps, so the test proves them on small fixtures before applying them to the tree.
import path from 'node:path';

/** Fenced code blocks and inline code spans hold examples, not links. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[^`\n][\s\S]*?\1/g, '');
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
  problem: 'missing' | 'outside the repository';
}

/** Relative links that leave the repository or name a file or folder that does not exist. */
export function findBrokenLinks(
  files: ReadonlyMap<string, string>,
  exists: (repoPath: string) => boolean,
): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const [from, markdown] of files) {
    for (const target of markdownLinkTargets(markdown)) {
      const resolved = resolveLinkTarget(from, target);
      if (resolved === null) continue;
      if (resolved === '..' || resolved.startsWith('../'))
        broken.push({ from, target, problem: 'outside the repository' });
      else if (!exists(resolved)) broken.push({ from, target, problem: 'missing' });
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
