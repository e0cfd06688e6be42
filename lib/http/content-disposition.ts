// Content-Disposition of file downloads. The filename is reduced to letters, digits, `.`, `_` and
// `-`, so no quote, semicolon, CR/LF, path separator or non-ASCII character can end the header
// value, add a parameter or name a path; leading dots go too (no hidden files).
export function attachmentDisposition(filename: string): string {
  const safe = filename
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 150);
  return `attachment; filename="${safe || 'download'}"`;
}
