import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import { codeActions } from '../../server/src/features/code-actions';
import { allFindings, applyWorkspaceEdit, findingKey } from './apply-edits';
import { findingsIn, uriOf, type SeenFinding } from './engine';

/** The one finding of `code` (whose text is `text`) in a file. */
export function theFinding(engine: Engine, name: string, code: string, text?: string): SeenFinding {
  const found = findingsIn(engine, name).filter((f) => f.code === code && (text === undefined || f.text === text));
  assert.equal(found.length, 1, `expected one ${code} ${text ?? ''} in ${name}, got ${JSON.stringify(findingsIn(engine, name).map(findingKey))}`);
  return found[0];
}

/** The quick fixes offered for one finding, by its whole range. */
export function actionsFor(engine: Engine, name: string, finding: SeenFinding): CodeAction[] {
  return codeActions(engine, uriOf(name), finding.finding.range);
}

/**
 * Applies a fix and checks what a fix must do: the finding is gone and nothing new appeared, in any file
 * (`allowed` lists codes that may newly appear, when the fix is known to reveal the next problem).
 * Returns the new texts by file name.
 */
export function applyAndCheck(engine: Engine, names: string[], fixed: SeenFinding, action: CodeAction, allowed: readonly string[] = []): Record<string, string> {
  const before = allFindings(engine, names);
  const fixedKey = before.find((k) => k.endsWith(findingKey(fixed)));
  assert.ok(fixedKey);
  assert.ok(action.edit);
  const texts = applyWorkspaceEdit(engine, action.edit);
  const after = allFindings(engine, names).filter((k) => !allowed.some((code) => k.includes(`: ${code} `)));
  const expected = [...before];
  expected.splice(expected.indexOf(fixedKey), 1);
  assert.deepEqual(after, expected, 'the finding is gone and nothing new appeared');
  return Object.fromEntries(Object.entries(texts).map(([uri, text]) => [uri.replace('file:///', ''), text]));
}

/** An engine whose findings for `uri` are replaced by `extra` (a finding computed on other text, or by another check). */
export function withFindings(engine: Engine, uri: string, extra: Finding[]): Engine {
  return { ...engine, workspace: engine.workspace, schemas: engine.schemas, diagnose: (u: string) => (u === uri ? extra : engine.diagnose(u)) };
}
