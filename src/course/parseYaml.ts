import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Yaml from 'yaml';
import { defaultCacheDir } from './paths.ts';
import { writeCacheFile } from './writeCacheFile.ts';

/**
 * YAML front matter, parsed through a cache keyed by the exact text: loading the yaml
 * package costs more than the rest of `threadlings progress`, so it is only loaded when a
 * lesson's front matter changed. Call saveYamlCache() once the course is loaded.
 */
const CACHE_FILE = 'front-matter-v1.json';

let cached: Map<string, unknown> | undefined;
const used = new Map<string, unknown>();
let missed = false;

function readCache(): Map<string, unknown> {
  try {
    const entries = JSON.parse(readFileSync(path.join(defaultCacheDir(), CACHE_FILE), 'utf8')) as unknown;
    if (Array.isArray(entries)) return new Map(entries.filter((e): e is [string, unknown] => Array.isArray(e) && typeof e[0] === 'string').map((e) => [e[0], e[1]]));
  } catch {
    // No cache, or an unreadable one: parse afresh.
  }
  return new Map();
}

export function parseYaml(text: string): unknown {
  cached ??= readCache();
  if (cached.has(text)) {
    used.set(text, cached.get(text));
    return cached.get(text);
  }
  const yaml = createRequire(import.meta.url)('yaml') as typeof Yaml;
  const data: unknown = yaml.parse(text);
  used.set(text, data);
  missed = true;
  return data;
}

/** Writes what this run parsed, when anything was new; entries no lesson uses any more are dropped. */
export function saveYamlCache(): void {
  if (!missed) return;
  missed = false;
  writeCacheFile(defaultCacheDir(), CACHE_FILE, JSON.stringify([...used]));
}
