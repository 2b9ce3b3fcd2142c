import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/catalog';
import { docs } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

/** Valid (or deliberately slightly wrong) manifests the fuzzer starts from: the seed fixtures, the samples and the test builders. */
export interface SeedManifest {
  name: string;
  text: string;
}

function yamlFilesIn(folder: string): SeedManifest[] {
  const dir = path.join(repoRoot, folder);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: `${folder}/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

function builtManifests(): SeedManifest[] {
  const routes = httpRoute([
    { host: 'reviews', subset: 'v1', weight: 70 },
    { host: 'reviews.prod.svc.cluster.local', subset: 'v2', weight: 20 },
  ]);
  return [
    { name: 'built/gateway', text: gateway('shop-gw', 'istio-system', ['shop.example.com', '*.example.org', 'prod/api.example.com']) },
    { name: 'built/vs', text: virtualService('shop', 'prod', ['shop.example.com'], ['istio-system/shop-gw', 'shop-gw', 'mesh'], routes) },
    { name: 'built/dr', text: destinationRule('reviews', 'prod', 'reviews', ['v1', 'v3'], '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n') },
    {
      name: 'built/multi',
      text: docs(
        gateway('bookinfo-gateway', 'istio-system', ['*']),
        virtualService('reviews', 'default', ['reviews'], ['bookinfo-gateway'], httpRoute([{ host: 'reviews', subset: 'v9' }])),
        destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']),
      ),
    },
  ];
}

let cached: SeedManifest[] | undefined;

/** Every seed manifest, in a stable order (so a seed number reproduces the same inputs). */
export function seedManifests(): SeedManifest[] {
  cached ??= [...yamlFilesIn('test/fixtures/seeds'), ...yamlFilesIn('samples'), ...builtManifests()];
  return cached;
}

/** A companion file every fuzzed file sits beside, so cross-file checks, references and rename have something to find. */
export function companionText(): string {
  return docs(
    gateway('bookinfo-gateway', 'istio-system', ['*.example.com', 'bookinfo.example.com']),
    gateway('shop-gw', 'istio-system', ['shop.example.com']),
    destinationRule('reviews', 'default', 'reviews', ['v1', 'v2', 'v3']),
    destinationRule('reviews', 'prod', 'reviews', ['v1', 'v2']),
    virtualService('reviews-routes', 'default', ['reviews'], ['mesh', 'istio-system/bookinfo-gateway'], httpRoute([{ host: 'reviews', subset: 'v1', weight: 50 }, { host: 'reviews', subset: 'v2', weight: 50 }])),
  );
}
