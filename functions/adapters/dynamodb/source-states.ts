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
  return new DynamoDbSourceStates(table);
}

/** The output fields of a source item, and the reading beside them. */
interface SourceItemParts {
  readonly fields: StoredOutputFields;
  readonly summary: OutputSummary | null;
  readonly reading: StoredSourceState;
}

export class DynamoDbSourceStates implements SourceStateReader {
  /** Which stored output each summary and each loaded output this reader handed out stands for. */
  private readonly storedOutputs = new WeakMap<object, StoredOutputFields>();
  /** One load per summary: the collapse check and the linking of a run share it. */
  private readonly loaded = new WeakMap<OutputSummary, Promise<SourceOutput>>();

  constructor(private readonly table: TableClient) {}

  async load(): Promise<StoredSourceState[]> {
    return Promise.all((await this.table.queryPartition(PK.source)).map((item) => this.loadOne(item)));
  }

  loadOutput(state: StoredSourceState): Promise<SourceOutput | null> {
    const summary = state.summary;
    if (summary === null) return Promise.resolve(null);
    const fields = this.storedOutputs.get(summary);
    if (!fields) {
      return Promise.reject(
        new StateStoreError(
          `${this.what(state.id)}: its output was not loaded by this store, so which one it is is unknown`,
        ),
      );
    }
    let output = this.loaded.get(summary);
    if (!output) {
      output = this.decode(state.id, fields, itemKey(PK.source, state.id));
      this.loaded.set(summary, output);
      // A failed load (a missing chunk) is tried again, not remembered.
      output.catch(() => this.loaded.delete(summary));
    }
    return output;
  }

  storedFields(output: object): StoredOutputFields | undefined {
    return this.storedOutputs.get(output);
  }

  private what(id: string): string {
    return `${this.table.tableName}: item ${describeKey(itemKey(PK.source, id))}`;
  }

  private async decode(id: string, fields: StoredOutputFields, item: Item): Promise<SourceOutput> {
    let bytes = fields.output;
    if (bytes === null) {
      const chunks = await this.table.queryPartition(PK.sourceOutput(id), { skPrefix: OUTPUT_CHUNK_PREFIX });
      bytes = joinOutputChunks(
        { outputChunks: fields.outputChunks, outputSha256: fields.outputSha256 },
        chunks,
        this.what(id),
      );
    }
    const output = this.table.parse(sourceOutputSchema, gunzipJson(bytes, `${this.what(id)}'s output`), item);
    this.storedOutputs.set(output, fields);
    return output;
  }

  private async loadOne(item: Item): Promise<StoredSourceState> {
    const { fields, summary: stored, reading } = this.partsOf(item);
    if (fields.output === null && fields.outputChunks === undefined) return { ...reading, summary: null };
    let summary: OutputSummary;
    if (stored !== null) {
      summary = stored;
    } else {
      // An item written before the summary was kept: its output is read this once, and the
      // commit of this run writes the item again with the summary.
      const decoded = await this.decode(reading.id, fields, item);
      summary = summariseOutput(decoded);
      this.loaded.set(summary, Promise.resolve(decoded));
    }
    this.storedOutputs.set(summary, fields);
    return { ...reading, summary };
  }

  /** A source item read apart: how its output is stored, its summary when kept, and the reading. */
  private partsOf(item: Item): SourceItemParts {
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
    const stored = this.table.parse(
      sourceItemSchema,
      { output, outputChunks, outputSha256, outputRecords, outputPageUpdated },
      item,
    );
    const reading = { ...this.table.parse(sourceReadingSchema, rest, item), summary: null };
    const fields: StoredOutputFields = {
      output: stored.output ?? null,
      outputEncoding: typeof outputEncoding === 'string' ? outputEncoding : null,
      ...(stored.outputChunks === undefined ? {} : { outputChunks: stored.outputChunks }),
      ...(stored.outputSha256 === undefined ? {} : { outputSha256: stored.outputSha256 }),
    };
    const summary =
      stored.outputRecords !== undefined && stored.outputPageUpdated !== undefined
        ? { records: stored.outputRecords, pageUpdated: stored.outputPageUpdated }
        : null;
    return { fields, summary, reading };
  }
}
