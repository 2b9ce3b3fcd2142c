import type { Finding, OffsetRange } from './finding';
import type { Resource } from './model/resource';

interface Analysis {
  uri: string;
  /** Where the resource started when the findings were made: they move with it. */
  start: number;
  findings: Finding[];
  /** The index keys the analysis looked up: the strings `readers` is keyed by, not copies (10,000 analyses read much the same keys). */
  reads: readonly string[];
}

/** The analyses that read one key, and the key's one string that every such analysis refers to. */
interface Readers {
  key: string;
  documents: Set<object>;
}

/**
 * Each resource's findings, kept per resource identity (`Resource.id`): a document the parser took over
 * unchanged keeps it, and so its findings, until a resource it looked up changes. So an edit re-checks the resources it touched and
 * those that read them, not every resource of the file.
 */
export class AnalysisCache {
  private readonly byDocument = new Map<object, Analysis>();
  /** Which documents' analyses read each key. */
  private readonly readers = new Map<string, Readers>();
  private readonly documentsOf = new Map<string, Set<object>>();

  /** The resource's findings: cached, or made by `analyze`, which adds the keys it looks up to `reads`. */
  findings(resource: Resource, analyze: (reads: Set<string>) => Finding[]): Finding[] {
    return this.entry(resource, analyze).findings;
  }

  /** The resource's findings and the keys they read (cached, or made by `analyze`). */
  entry(resource: Resource, analyze: (reads: Set<string>) => Finding[]): { findings: Finding[]; reads: readonly string[] } {
    const doc = resource.id;
    const start = resource.range.start;
    // A parsed document belongs to one file: its cached analysis is that file's.
    const cached = this.byDocument.get(doc);
    if (cached) {
      if (cached.start !== start) {
        const delta = start - cached.start;
        cached.findings = cached.findings.map((f) => moveFinding(f, delta, resource.uri));
        cached.start = start;
      }
      return cached;
    }
    const read = new Set<string>();
    const findings = analyze(read);
    const reads: string[] = [];
    for (const key of read) {
      let readers = this.readers.get(key);
      if (!readers) this.readers.set(key, (readers = { key, documents: new Set() }));
      readers.documents.add(doc);
      reads.push(readers.key);
    }
    const analysis: Analysis = { uri: resource.uri, start, findings, reads };
    this.byDocument.set(doc, analysis);
    let docs = this.documentsOf.get(resource.uri);
    if (!docs) this.documentsOf.set(resource.uri, (docs = new Set()));
    docs.add(doc);
    return analysis;
  }

  /** Takes findings made elsewhere (a worker) for a resource, with the keys that analysis read. */
  remember(resource: Resource, findings: Finding[], reads: readonly string[] = []): void {
    this.findings(resource, (into) => {
      for (const key of reads) into.add(key);
      return findings;
    });
  }

  /** Forgets the analyses of the file's resources whose maps are not among `kept` (all of them when it is omitted). */
  forgetFile(uri: string, kept?: ReadonlySet<object>): void {
    for (const doc of this.documentsOf.get(uri) ?? []) if (!kept?.has(doc)) this.drop(doc);
  }

  /** Forgets every analysis that read one of the keys; returns the files they belong to. */
  invalidate(keys: Iterable<string>): Set<string> {
    const uris = new Set<string>();
    for (const key of keys) {
      for (const doc of this.readers.get(key)?.documents ?? []) {
        const analysis = this.byDocument.get(doc);
        if (analysis) uris.add(analysis.uri);
        this.drop(doc);
      }
    }
    return uris;
  }

  clear(): void {
    this.byDocument.clear();
    this.readers.clear();
    this.documentsOf.clear();
  }

  private drop(doc: object): void {
    const analysis = this.byDocument.get(doc);
    if (!analysis) return;
    this.byDocument.delete(doc);
    for (const key of analysis.reads) {
      const readers = this.readers.get(key);
      readers?.documents.delete(doc);
      if (readers && !readers.documents.size) this.readers.delete(key);
    }
    const docs = this.documentsOf.get(analysis.uri);
    docs?.delete(doc);
    if (docs && !docs.size) this.documentsOf.delete(analysis.uri);
  }
}

/**
 * The finding once its document moved by `delta`. Its own range and related places in the same document
 * move; related places named by resource are looked up afresh when shown (`currentRelatedRange`).
 */
function moveFinding(finding: Finding, delta: number, uri: string): Finding {
  const move = (r: OffsetRange): OffsetRange => ({ start: r.start + delta, end: r.end + delta });
  const related = finding.related?.map((r) => (r.uri === uri && !r.resource ? { ...r, range: move(r.range) } : r));
  return { ...finding, range: move(finding.range), ...(related ? { related } : {}) };
}
