/** Keeps a remembered place in a document on the same text while the document is edited. No `vscode` here. */

export interface Place {
  line: number;
  character: number;
}

export interface TextChange {
  range: { start: Place; end: Place };
  text: string;
}

/**
 * The place after the changes, applied one after another (VS Code lists one event's changes from the end of the
 * document backwards, so that order is also right for them taken together). Text inserted or removed before the place
 * moves it; a change that covers it moves it to the change's start.
 */
export function placeAfterChanges(place: Place, changes: readonly TextChange[]): Place {
  let current = place;
  for (const change of changes) current = placeAfterChange(current, change);
  return current;
}

function placeAfterChange(place: Place, change: TextChange): Place {
  const { start, end } = change.range;
  if (before(place, start)) return place;
  if (before(place, end)) return { ...start };
  const lines = change.text.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] as string;
  const newEnd: Place = lines.length === 1 ? { line: start.line, character: start.character + last.length } : { line: start.line + lines.length - 1, character: last.length };
  if (place.line === end.line) return { line: newEnd.line, character: newEnd.character + (place.character - end.character) };
  return { line: place.line + (newEnd.line - end.line), character: place.character };
}

function before(a: Place, b: Place): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
