import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import { codeTable } from '../engine/analyzers/codes';
import { configSchema } from '../engine/config/config-schema';
import type { LineIndex } from '../engine/parse/line-index';
import { cursorContext } from './cursor-context';
import { documentLines } from './document-lines';

const severities = configSchema.properties.severity.additionalProperties.enum;

/**
 * Completion in a `.istio-yaml.yaml`: its keys (with their documentation), the codes under `severity` and their
 * values. The same schema the file is validated with; nothing else of the workspace is read.
 */
export function configCompletion(lines: LineIndex, offset: number): CompletionList {
  const position = lines.positionAt(offset);
  const doc = documentLines(lines, position.line);
  const context = cursorContext(doc.lines, position.line - doc.firstLine, position.character);
  const items: CompletionItem[] = [];
  if (!context) return { isIncomplete: false, items };
  const range: Range = { start: { line: position.line, character: context.partialStart }, end: position };
  const indent = ' '.repeat(context.keyColumn);
  const path = context.path.map(String);
  if (context.position === 'key' && path.length === 0) {
    Object.entries(configSchema.properties).forEach(([key, schema], rank) => {
      if (context.siblings.has(key)) return;
      const block = schema.type === 'array' ? `${key}:\n${indent}  - $0` : schema.type === 'object' ? `${key}:\n${indent}  $0` : `${key}: $0`;
      items.push(item(key, block, schema.description, range, rank, CompletionItemKind.Property));
    });
  } else if (context.position === 'key' && path.length === 1 && path[0] === 'severity') {
    Object.values(codeTable).forEach((info, rank) => {
      if (context.siblings.has(info.code)) return;
      items.push({ ...item(info.code, `${info.code}: \${1|${severities.join(',')}|}`, `${info.name} (${info.severity}): ${info.summary}`, range, rank, CompletionItemKind.Property), detail: info.name });
    });
  } else if (context.position === 'value' && path.length === 2 && path[0] === 'severity') {
    severities.forEach((value, rank) => items.push(item(value, value, undefined, range, rank, CompletionItemKind.EnumMember)));
  }
  return { isIncomplete: false, items };
}

function item(label: string, snippet: string, documentation: string | undefined, range: Range, rank: number, kind: CompletionItemKind): CompletionItem {
  return {
    label,
    kind,
    documentation: documentation ? { kind: MarkupKind.Markdown, value: documentation } : undefined,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range, newText: snippet },
    filterText: label,
    sortText: String(rank).padStart(4, '0'),
  };
}
