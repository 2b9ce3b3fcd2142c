import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeAfterChanges } from '../../client/src/focus-position';
import { trafficViewHtml } from '../../client/src/traffic-view-html';
import { isFromTrafficView } from '../../client/webview/model/view-messages';

const page = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/traffic-view.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/traffic-view.css',
  nonce: 'bm9uY2Uh+/=',
};

test('the page has a strict CSP: nothing by default, styles and images from the extension, scripts by nonce only', () => {
  const html = trafficViewHtml(page);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.equal(csp, `default-src 'none'; img-src ${page.cspSource} data:; style-src ${page.cspSource}; script-src 'nonce-${page.nonce}'`);
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
});

test('the page loads the bundled script with its nonce and the stylesheet, and has no inline style or script', () => {
  const html = trafficViewHtml(page);
  const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0]?.[1], ` nonce="${page.nonce}" src="${page.scriptUri}"`);
  assert.equal(scripts[0]?.[2], '', 'no inline code');
  assert.ok(html.includes(`<link rel="stylesheet" href="${page.styleUri}">`));
  assert.doesNotMatch(html, /style=|<style/);
});

test('text inserted or removed above the remembered place moves it; text below does not', () => {
  const place = { line: 10, character: 4 };
  const at = (line: number, character: number) => ({ line, character });
  assert.deepEqual(placeAfterChanges(place, [{ range: { start: at(2, 0), end: at(2, 0) }, text: 'a: 1\nb: 2\n' }]), at(12, 4));
  assert.deepEqual(placeAfterChanges(place, [{ range: { start: at(2, 0), end: at(5, 0) }, text: '' }]), at(7, 4));
  assert.deepEqual(placeAfterChanges(place, [{ range: { start: at(11, 0), end: at(11, 0) }, text: 'x\n\n' }]), place);
  assert.deepEqual(placeAfterChanges(place, [{ range: { start: at(10, 0), end: at(10, 2) }, text: '' }]), at(10, 2));
  assert.deepEqual(placeAfterChanges(place, [{ range: { start: at(10, 1), end: at(10, 1) }, text: 'ab\ncd' }]), at(11, 5));
});

test('a change that covers the remembered place moves it to the change; several changes apply in turn', () => {
  const at = (line: number, character: number) => ({ line, character });
  assert.deepEqual(placeAfterChanges(at(10, 4), [{ range: { start: at(8, 2), end: at(12, 0) }, text: 'spec: {}' }]), at(8, 2));
  // VS Code lists one event's changes from the end backwards.
  const changes = [
    { range: { start: at(20, 0), end: at(20, 0) }, text: 'z\n' },
    { range: { start: at(1, 0), end: at(1, 0) }, text: 'y\n' },
  ];
  assert.deepEqual(placeAfterChanges(at(10, 4), changes), at(11, 4));
});

test('only well-formed messages from the webview are taken', () => {
  assert.ok(isFromTrafficView({ type: 'ready' }));
  assert.ok(isFromTrafficView({ type: 'wholeWorkspace' }));
  assert.ok(isFromTrafficView({ type: 'open', location: { uri: 'file:///a.yaml', line: 3, character: 0 } }));
  assert.ok(!isFromTrafficView({ type: 'open', location: { uri: 'file:///a.yaml', line: 1.5, character: 0 } }));
  assert.ok(!isFromTrafficView({ type: 'open' }));
  assert.ok(!isFromTrafficView({ type: 'run', command: 'rm' }));
  assert.ok(!isFromTrafficView(null));
  assert.ok(!isFromTrafficView('ready'));
});
