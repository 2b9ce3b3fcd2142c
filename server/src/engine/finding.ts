/** What an analyzer or the validator reports; offsets are into the file's text. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface OffsetRange {
  start: number;
  end: number;
}

export interface ResourceRef {
  kind: string;
  namespace: string;
  name: string;
}

export interface RelatedLocation {
  uri: string;
  range: OffsetRange;
  message: string;
  /**
   * The resource the location stands for. A finding outlives edits elsewhere in that file that only
   * move the resource, so consumers look its current position up by this (see `currentRelatedRange`).
   */
  resource?: ResourceRef;
}

export interface Finding {
  /** Stable code: ISTnnnn where istioctl analyze has the same check, IYnnnn for our own. */
  code: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  resource?: ResourceRef;
  related?: RelatedLocation[];
  /** Facts a quick fix needs (JSON-serializable, so it survives a trip through LSP `Diagnostic.data`). */
  data?: FindingData;
}

export type FindingData = Readonly<Record<string, string | number | boolean | readonly string[]>>;
