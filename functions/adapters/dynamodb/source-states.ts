import { type SourceOutput, sourceOutputSchema } from '../../core/model/source-output';
import { type OutputSummary, sourceReadingSchema } from '../../core/model/source-state';
import type { StoredSourceState } from '../../core/ports';
import { StateStoreError } from './errors';
import {
  gunzipJson,
  joinOutputChunks,
  type StoredOutputFields,
  sourceItemSchema,
  summariseOutput,
} from './item-codec';
import type { TableClient } from './table-client';
import { describeKey, type Item, itemKey, OUTPUT_CHUNK_PREFIX, PK, stripKeys } from './table-schema';

/**
 * Source states as a run loads them: the items only, each output summarised and loaded on demand.
 * A page read again unchanged so costs one query of the SOURCE partition, not the join, gunzip and
 * parse of its last reading. The store remembers which stored output each summary (and each
 * loaded output) stands for, so a commit that keeps a reading writes only its item, pointing at it.
 */
export interface SourceStateReader {
  load(): Promise<StoredSourceState[]>;
  loadOutput(state: StoredSourceState): Promise<SourceOutput | null>;
  /** How the table holds an output this reader handed out (a summary or a loaded output); undefined otherwise. */
  storedFields(output: object): StoredOutputFields | undefined;
}

export function createSourceStateReader(table: TableClient): SourceStateReader {
  const storedOutputs = new WeakMap<object, StoredOutputFields>();
  // One load per summary: the collapse check and the linking of a run share it.
  const loaded = new WeakMap<OutputSummary, Promise<SourceOutput>>();
  const what = (id: string) => `${table.tableName}: item ${describeKey(itemKey(PK.source, id))}`;

  async function decode(id: string, fields: StoredOutputFields, item: Item): Promise<SourceOutput> {
    let bytes = fields.output;
    if (bytes === null) {
      const chunks = await table.queryPartition(PK.sourceOutput(id), { skPrefix: OUTPUT_CHUNK_PREFIX });
      bytes = joinOutputChunks(
        { outputChunks: fields.outputChunks, outputSha256: fields.outputSha256 },
        chunks,
        what(id),
      );
    }
    const output = table.parse(sourceOutputSchema, gunzipJson(bytes, `${what(id)}'s output`), item);
    storedOutputs.set(output, fields);
    return output;
  }

  async function loadOne(item: Item): Promise<StoredSourceState> {
    const {
      output,
      outputEncoding,
      outputChunks,
      outputSha256,
      outputDroppedBytes: _dropped,
      outputRecords,
      outputPageUpdated,
      ...rest
    } = stripKeys(item);
    const stored = table.parse(
      sourceItemSchema,
      { output, outputChunks, outputSha256, outputRecords, outputPageUpdated },
      item,
    );
    const reading = table.parse(sourceReadingSchema, rest, item);
    const fields: StoredOutputFields = {
      output: stored.output ?? null,
      outputEncoding: typeof outputEncoding === 'string' ? outputEncoding : null,
      ...(stored.outputChunks === undefined ? {} : { outputChunks: stored.outputChunks }),
      ...(stored.outputSha256 === undefined ? {} : { outputSha256: stored.outputSha256 }),
    };
    if (fields.output === null && fields.outputChunks === undefined) return { ...reading, output: null };
    let summary: OutputSummary;
    if (stored.outputRecords !== undefined && stored.outputPageUpdated !== undefined) {
      summary = { records: stored.outputRecords, pageUpdated: stored.outputPageUpdated };
    } else {
      // An item written before the summary was kept: its output is read this once, and the
      // commit of this run writes the item again with the summary.
      const decoded = await decode(reading.id, fields, item);
      summary = summariseOutput(decoded);
      loaded.set(summary, Promise.resolve(decoded));
    }
    storedOutputs.set(summary, fields);
    return { ...reading, output: summary };
  }

  return {
    async load() {
      return Promise.all((await table.queryPartition(PK.source)).map(loadOne));
    },
    loadOutput(state) {
      const summary = state.output;
      if (summary === null) return Promise.resolve(null);
      const fields = storedOutputs.get(summary);
      if (!fields) {
        return Promise.reject(
          new StateStoreError(
            `${what(state.id)}: its output was not loaded by this store, so which one it is is unknown`,
          ),
        );
      }
      let output = loaded.get(summary);
      if (!output) {
        output = decode(state.id, fields, itemKey(PK.source, state.id));
        loaded.set(summary, output);
        // A failed load (a missing chunk) is tried again, not remembered.
        output.catch(() => loaded.delete(summary));
      }
      return output;
    },
    storedFields: (output) => storedOutputs.get(output),
  };
}
