import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/engine/parse/line-index';

/** Line and character of `offset` counted by hand: \n, \r\n and a lone \r each end a line. */
function expectedPosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

test('positions match a hand count, with and without carriage returns', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', 'é', '😀'), { maxLength: 60 }), fc.nat(), (pieces, at) => {
      const text = pieces.join('');
      const offset = at % (text.length + 1);
      // Between \r and \n is not a position: the hand count would put it at the line's end, as the index does.
      if (text[offset - 1] === '\r' && text[offset] === '\n') return;
      assert.deepEqual(new LineIndex(text).positionAt(offset), expectedPosition(text, offset));
    }),
    { seed: 5, numRuns: 2000 },
  );
});

test('a text without carriage returns has one line per line feed, plus one', () => {
  assert.equal(new LineIndex('').lineCount, 1);
  assert.equal(new LineIndex('a\n\nb\n').lineCount, 4);
  assert.equal(new LineIndex('a\r\nb\rc\n').lineCount, 4);
});
