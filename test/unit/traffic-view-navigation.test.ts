import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrowDirection, neighbourInDirection } from '../../client/webview/model/drawing-navigation';
import { buildDrawing, edgeKey, nodeKey, type Drawing, type DrawnEdge, type DrawnNode } from '../../client/webview/model/traffic-drawing';
import { bookinfoGraph, dagre } from '../helpers/traffic-graphs';

/** A node box centred at (cx, cy), 100×40. */
function box(id: string, cx: number, cy: number): DrawnNode {
  return { key: nodeKey(id), id, kind: 'route', x: cx - 50, y: cy - 20, width: 100, height: 40, tag: 'Route', label: id, details: [], title: id, ariaLabel: id, classes: ['node'] };
}

function link(index: number, from: string, to: string, broken = false, at?: { x: number; y: number }): DrawnEdge {
  const edge: DrawnEdge = { key: edgeKey(index), from: nodeKey(from), to: nodeKey(to), path: '', classes: ['edge'], broken };
  if (at) edge.label = { text: 'x', x: at.x, y: at.y, width: 30, height: 16 };
  return edge;
}

function drawingOf(nodes: DrawnNode[], edges: DrawnEdge[]): Drawing {
  const tabOrder = [...nodes.map((n) => n.key), ...edges.filter((e) => e.broken).map((e) => e.key)];
  return { width: 1000, height: 1000, nodes, edges, tabOrder };
}

test('arrow keys name their directions; other keys none', () => {
  assert.deepEqual(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', 'a'].map(arrowDirection), ['left', 'right', 'up', 'down', undefined, undefined]);
});

test('right goes to a linked node before a nearer unlinked one', () => {
  // a links to c; b is straight to the right of a and nearer, but not linked.
  const drawing = drawingOf([box('a', 100, 100), box('b', 300, 100), box('c', 300, 180)], [link(0, 'a', 'c')]);
  assert.equal(neighbourInDirection(drawing, 'n:a', 'right'), 'n:c');
  // Without the link, the nearest that way wins.
  assert.equal(neighbourInDirection(drawingOf(drawing.nodes, []), 'n:a', 'right'), 'n:b');
});

test('a linked item outside the 45° cone does not beat an unlinked one inside it', () => {
  // c is linked to a but lies mostly below it: pressing right should go to b, straight ahead.
  const drawing = drawingOf([box('a', 100, 100), box('b', 300, 110), box('c', 160, 400)], [link(0, 'a', 'c')]);
  assert.equal(neighbourInDirection(drawing, 'n:a', 'right'), 'n:b');
  assert.equal(neighbourInDirection(drawing, 'n:a', 'down'), 'n:c');
});

test('up and down move within a column; nothing that way gives undefined', () => {
  const drawing = drawingOf([box('top', 100, 100), box('mid', 100, 200), box('bottom', 100, 300), box('right', 300, 200)], []);
  assert.equal(neighbourInDirection(drawing, 'n:mid', 'up'), 'n:top');
  assert.equal(neighbourInDirection(drawing, 'n:mid', 'down'), 'n:bottom');
  assert.equal(neighbourInDirection(drawing, 'n:top', 'up'), undefined);
  assert.equal(neighbourInDirection(drawing, 'n:mid', 'left'), undefined);
  assert.equal(neighbourInDirection(drawing, 'n:nowhere', 'left'), undefined);
});

test('outside the cone, the nearest item on that side still answers', () => {
  const drawing = drawingOf([box('a', 100, 100), box('far-below', 200, 600)], []);
  assert.equal(neighbourInDirection(drawing, 'n:a', 'right'), 'n:far-below');
});

test('a broken edge is a stop between its two ends', () => {
  const drawing = drawingOf([box('a', 100, 100), box('b', 400, 100)], [link(0, 'a', 'b', true, { x: 250, y: 100 })]);
  assert.equal(neighbourInDirection(drawing, 'n:a', 'right'), 'e:0');
  assert.equal(neighbourInDirection(drawing, 'e:0', 'right'), 'n:b');
  assert.equal(neighbourInDirection(drawing, 'n:b', 'left'), 'e:0');
  // A healthy edge is no stop.
  const healthy = drawingOf([box('a', 100, 100), box('b', 400, 100)], [link(0, 'a', 'b', false, { x: 250, y: 100 })]);
  assert.equal(neighbourInDirection(healthy, 'n:a', 'right'), 'n:b');
});

test('in the laid-out bookinfo graph, right follows the traffic and left comes back', () => {
  const drawing = buildDrawing(bookinfoGraph(), dagre);
  assert.equal(neighbourInDirection(drawing, nodeKey('gw'), 'right'), nodeKey('vs'));
  assert.equal(neighbourInDirection(drawing, nodeKey('vs'), 'left'), nodeKey('gw'));
  assert.equal(neighbourInDirection(drawing, nodeKey('gw'), 'left'), undefined);
  assert.ok([nodeKey('r0'), nodeKey('r1')].includes(neighbourInDirection(drawing, nodeKey('vs'), 'right') ?? ''));
  assert.equal(neighbourInDirection(drawing, nodeKey('d-v9'), 'right'), edgeKey(8));
  assert.equal(neighbourInDirection(drawing, edgeKey(8), 'right'), nodeKey('missing-v9'));
  const r0 = drawing.nodes.find((n) => n.id === 'r0') as DrawnNode;
  const r1 = drawing.nodes.find((n) => n.id === 'r1') as DrawnNode;
  const [upper, lower] = r0.y < r1.y ? [r0, r1] : [r1, r0];
  assert.equal(neighbourInDirection(drawing, upper.key, 'down'), lower.key);
  assert.equal(neighbourInDirection(drawing, lower.key, 'up'), upper.key);
});
