import type { ParsedFile } from '../parse/parsed-file';

/**
 * Which files keep their YAML tree in memory. A tree weighs about 40 times its text, so the trees of a large
 * workspace would dominate the server's memory; yet only open files are read again and again. Open files keep
 * their trees; of the others, the most recently parsed keep theirs up to a budget of text characters, and the
 * rest are released (their text, outlines and resources stay; the tree is parsed again when something reads it).
 */
export class TreeBudget {
  /** Closed files with a tree, oldest first, and the characters of text they hold. */
  private readonly live = new Map<string, ParsedFile>();
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  /** A file whose tree was just built (parsed, or parsed again after a release): it becomes the newest. */
  touch(file: ParsedFile): void {
    this.forget(file.uri);
    this.live.set(file.uri, file);
    this.size += file.text.length;
  }

  /** The file left the workspace or was replaced by a new version (which is touched on its own). */
  forget(uri: string): void {
    const known = this.live.get(uri);
    if (!known) return;
    this.live.delete(uri);
    this.size -= known.text.length;
  }

  /**
   * Releases the oldest closed files' trees until the rest fit the budget. Call it between operations, never
   * during one: an analysis may hold nodes of a tree and compare them with nodes it reads again.
   */
  trim(): void {
    if (this.size <= this.limit) return;
    for (const [uri, file] of this.live) {
      if (this.size <= this.limit) break;
      this.forget(uri);
      // An open file's tree stays; it is counted again if it is closed and parsed anew.
      if (!this.isOpen(uri)) file.releaseTree();
    }
  }

  /** Closed files' text whose trees are in memory (characters), for tests and measurements. */
  get liveCharacters(): number {
    return this.size;
  }
}
