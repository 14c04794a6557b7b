import { ConfigError } from '../core/errors';
import { BUILT_IN_SOURCES } from '../core/sources/built-in-sources';
import type { SourceModule } from '../core/sources/source-module';
import type { HarvesterEnv } from './config';

/** The sources a deployment reads: the built-in ones, narrowed by SOURCE_IDS when set. */
export function harvesterSources(env: Pick<HarvesterEnv, 'SOURCE_IDS'>): SourceModule[] {
  if (!env.SOURCE_IDS) return [...BUILT_IN_SOURCES];
  const wanted = env.SOURCE_IDS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((id) => !BUILT_IN_SOURCES.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new ConfigError(
      `SOURCE_IDS names unknown sources ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${BUILT_IN_SOURCES.map((s) => s.id).join(', ')}`,
    );
  }
  return BUILT_IN_SOURCES.filter((s) => wanted.includes(s.id));
}
