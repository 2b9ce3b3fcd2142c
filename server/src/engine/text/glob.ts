/** Glob patterns as VS Code settings write them (`**`, `*`, `?`, `{a,b}`, `[abc]`), matched against `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches any number of leading folders, `/**` any trailing path.
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:[^/]*(?:/|$))*' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      inGroup = true;
      out += '(?:';
    } else if (ch === '}' && inGroup) {
      inGroup = false;
      out += ')';
    } else if (ch === ',' && inGroup) out += '|';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** A matcher for a list of globs; a pattern without `/` matches a name at any depth, as in `files.exclude`. */
export function globMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.filter((g) => g.trim()).map((g) => globToRegExp(g.trim().replace(/^\.\//, '').replace(/\/$/, '')));
  return (relativePath) => {
    const parts = relativePath.split('/');
    return patterns.some((p) => p.test(relativePath) || p.test(parts[parts.length - 1]));
  };
}
