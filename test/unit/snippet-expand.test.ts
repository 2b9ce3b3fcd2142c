import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { snippets as catalog } from '../../server/src/features/snippet-catalog';
import { snippetPreview } from '../../server/src/features/snippet-preview';
import { expandSnippetDefaults } from '../helpers/snippets';

describe('expandSnippetDefaults', () => {
  it('keeps plain text', () => {
    assert.equal(expandSnippetDefaults('kind: Gateway\n'), 'kind: Gateway\n');
    assert.equal(expandSnippetDefaults(''), '');
  });

  it('replaces placeholders by their defaults', () => {
    assert.equal(expandSnippetDefaults('name: ${1:reviews}'), 'name: reviews');
    assert.equal(expandSnippetDefaults('${1:a}-${2:b}-${10:c}'), 'a-b-c');
    assert.equal(expandSnippetDefaults('x${1:}y'), 'xy');
  });

  it('expands nested placeholders', () => {
    assert.equal(expandSnippetDefaults('${1:outer ${2:inner ${3:deep}} end}'), 'outer inner deep end');
    assert.equal(expandSnippetDefaults('${1:a${2:b}} and $2'), 'ab and b');
  });

  it('takes the first option of a choice', () => {
    assert.equal(expandSnippetDefaults('protocol: ${1|HTTP,HTTPS,TCP|}'), 'protocol: HTTP');
    assert.equal(expandSnippetDefaults('${1|one|} $1'), 'one one');
    assert.equal(expandSnippetDefaults('${1|a\\,b,c|}'), 'a,b');
    assert.equal(expandSnippetDefaults('${1|x\\|y,z|}'), 'x|y');
  });

  it('mirrors a tabstop number whose default is defined elsewhere', () => {
    assert.equal(expandSnippetDefaults('name: ${1:reviews}\nhost: $1\nalso: ${1}'), 'name: reviews\nhost: reviews\nalso: reviews');
    // The default may come after the bare tabstop, or from inside another placeholder.
    assert.equal(expandSnippetDefaults('$1 then ${1:late}'), 'late then late');
    assert.equal(expandSnippetDefaults('${2:x${1:deep}y} $1'), 'xdeepy deep');
    // A placeholder whose default is a mirror of another.
    assert.equal(expandSnippetDefaults('name: ${1:reviews}\nhost: ${2:$1}'), 'name: reviews\nhost: reviews');
    // The first default wins over a later one with the same number.
    assert.equal(expandSnippetDefaults('${1:first} ${1:second}'), 'first first');
  });

  it('leaves tabstops without any default empty', () => {
    assert.equal(expandSnippetDefaults('a$1b${2}c$0'), 'abc');
    assert.equal(expandSnippetDefaults('end$0'), 'end');
    assert.equal(expandSnippetDefaults('$12x'), 'x');
  });

  it('does not propagate the final tabstop', () => {
    assert.equal(expandSnippetDefaults('${0:done}'), 'done');
    assert.equal(expandSnippetDefaults('${0:done} $0'), 'done ');
  });

  it('unescapes \\$, \\} and \\\\', () => {
    assert.equal(expandSnippetDefaults('cost: \\$5'), 'cost: $5');
    assert.equal(expandSnippetDefaults('${1:a\\}b}'), 'a}b');
    assert.equal(expandSnippetDefaults('back\\\\slash'), 'back\\slash');
    assert.equal(expandSnippetDefaults('\\${1:x}'), '${1:x}');
    // A backslash before anything else stays.
    assert.equal(expandSnippetDefaults('a\\nb'), 'a\\nb');
  });

  it('keeps a dollar or brace that starts nothing as text', () => {
    assert.equal(expandSnippetDefaults('price $ 5 and ${ x } }'), 'price $ 5 and ${ x } }');
    assert.equal(expandSnippetDefaults('${1:unterminated'), '${1:unterminated');
    assert.equal(expandSnippetDefaults('${1|a,b'), '${1|a,b');
  });

  it('treats variables as empty, using their default when they have one', () => {
    assert.equal(expandSnippetDefaults('file: $TM_FILENAME.'), 'file: .');
    assert.equal(expandSnippetDefaults('file: ${TM_FILENAME}.'), 'file: .');
    assert.equal(expandSnippetDefaults('name: ${TM_FILENAME_BASE:${1:my-app}} $1'), 'name: my-app my-app');
    assert.equal(expandSnippetDefaults('$CURRENT_YEAR-$1x'), '-x');
  });

  it('applies transforms to mirrors and variables', () => {
    assert.equal(expandSnippetDefaults('${1:my-app} ${1/(.*)/${1:/upcase}/}'), 'my-app MY-APP');
    assert.equal(expandSnippetDefaults('${1:foo bar} ${1/(.*)/${1:/pascalcase}/}'), 'foo bar FooBar');
    assert.equal(expandSnippetDefaults('${1:a-b-c} ${1/-/_/g}'), 'a-b-c a_b_c');
    assert.equal(expandSnippetDefaults('${1:x} ${1/(y)?/${1:?yes:no}/}'), 'x nox');
    assert.equal(expandSnippetDefaults('${TM_FILENAME/^$/${0:-untitled}/}'), 'untitled');
    assert.equal(expandSnippetDefaults('${1:a/b} ${1/\\//:/}'), 'a/b a:b');
  });
});

describe('snippets/istio.json', () => {
  const snippets = catalog.filter((s) => s.places.some((p) => p.resource));

  it('completion previews show what accepting every default inserts', () => {
    for (const snippet of catalog) assert.equal(snippetPreview(snippet.body), expandSnippetDefaults(snippet.body), snippet.name);
  });

  it('has the prefixes users will guess', () => {
    const prefixes = new Set(catalog.flatMap((s) => s.prefixes));
    for (const expected of [
      'istio-gateway',
      'istio-virtualservice',
      'istio-vs',
      'istio-destinationrule',
      'istio-dr',
      'istio-serviceentry',
      'istio-se',
      'istio-canary',
      'istio-header-routing',
      'istio-egress',
      'gateway-api-gateway',
      'gateway-api-httproute',
      'gateway-api-httproute-header',
      'gateway-api-httproute-canary',
      'gateway-api-grpcroute',
      'gateway-api-referencegrant',
      'istio-waypoint',
      'istio-use-waypoint',
      'http-route',
      'weighted-destinations',
      'retry-policy',
      'tls-server',
      'dr-subset',
      'httproute-rule',
    ]) {
      assert.ok(prefixes.has(expected), `missing prefix ${expected}`);
    }
  });

  for (const snippet of snippets) {
    it(`${snippet.name} expands to complete resources`, () => {
      assert.ok(!snippet.body.includes('\t'), 'indent with spaces');
      const text = expandSnippetDefaults(snippet.body);
      assert.ok(!/\$\{?[0-9]/.test(text), `unexpanded tabstop in:\n${text}`);
      const docs = parseAllDocuments(text);
      assert.ok(Array.isArray(docs), 'expected a document list');
      assert.ok(docs.length > 0);
      for (const doc of docs) {
        assert.deepEqual(doc.errors, [], `YAML errors in:\n${text}`);
        const value: unknown = doc.toJS();
        assert.ok(isRecord(value), `document is not a mapping:\n${text}`);
        // Istio and Gateway API kinds at their stable version; the ambient Namespace snippet is core v1.
        assert.ok(['networking.istio.io/v1', 'gateway.networking.k8s.io/v1', 'v1'].includes(String(value.apiVersion)), String(value.apiVersion));
        assert.equal(typeof value.kind, 'string');
        assert.ok(isRecord(value.metadata), 'metadata');
        assert.equal(typeof value.metadata.name, 'string');
        assert.notEqual(value.metadata.name, '');
        if (value.kind !== 'Namespace') assert.ok(isRecord(value.spec), 'spec');
      }
    });
  }

  it('gateway + virtualservice + destinationrule defaults fit together', () => {
    const byPrefix = (prefix: string): string => {
      const found = snippets.find((s) => s.prefixes.includes(prefix));
      assert.ok(found, prefix);
      return expandSnippetDefaults(found.body);
    };
    const [gateway, virtualService, destinationRule] = ['istio-gateway', 'istio-vs', 'istio-dr'].map((p) => {
      const value: unknown = parseAllDocuments(byPrefix(p))
        .map((d) => d.toJS())
        .at(0);
      assert.ok(isRecord(value));
      return value;
    });
    const gw = asRecord(gateway);
    const vs = asRecord(virtualService);
    const dr = asRecord(destinationRule);
    const ns = (r: Record<string, unknown>): unknown => asRecord(r.metadata).namespace ?? 'default';
    assert.equal(ns(gw), ns(vs));
    assert.equal(ns(dr), ns(vs));
    const vsSpec = asRecord(vs.spec);
    assert.deepEqual(vsSpec.gateways, [asRecord(gw.metadata).name]);
    const servers = asArray(asRecord(gw.spec).servers).map(asRecord);
    const served = servers.flatMap((s) => asArray(s.hosts));
    for (const host of asArray(vsSpec.hosts)) {
      assert.ok(served.includes(host), `gateway does not serve ${String(host)}`);
    }
    const drSpec = asRecord(dr.spec);
    const subsets = asArray(drSpec.subsets).map((s) => asRecord(s).name);
    for (const http of asArray(vsSpec.http).map(asRecord)) {
      for (const route of asArray(http.route).map(asRecord)) {
        const destination = asRecord(route.destination);
        assert.equal(destination.host, drSpec.host);
        assert.ok(subsets.includes(destination.subset), `subset ${String(destination.subset)}`);
      }
    }
  });
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  assert.ok(isRecord(value), `expected a mapping, got ${JSON.stringify(value)}`);
  return value;
}

function asArray(value: unknown): unknown[] {
  assert.ok(Array.isArray(value), `expected a list, got ${JSON.stringify(value)}`);
  return value;
}
