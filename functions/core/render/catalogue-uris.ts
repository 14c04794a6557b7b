import type { FeedConfig } from '../feed-config';

/**
 * The identifiers the catalogue, the Data Package and the snapshot index use. They are built from
 * the public base URL alone (never from a run id or a time), so a harvester sees the same catalogue,
 * dataset and distributions after every run; only a snapshot, which is a version of the dataset,
 * carries its own id. They live under `<base>/id/` and name things, not documents: the documents
 * describing them are `v1/catalog.ttl` and `v1/catalog.jsonld`.
 */
export interface CatalogueUris {
  readonly catalogue: string;
  readonly dataset: string;
  readonly publisher: string;
  /** The latest distribution of a published file, by a short name such as `projects-csv`. */
  distribution(name: string): string;
  /** The dataset version that a snapshot is. */
  snapshot(snapshotId: string): string;
  snapshotDistribution(snapshotId: string, name: string): string;
  /** Where a published object can be downloaded. */
  download(key: string): string;
  landingPage: string;
}

/** The dataset's short, stable name; also the Data Package `name`. */
export const DATASET_NAME = 'amif-projects-finland';

export function catalogueUris(config: Pick<FeedConfig, 'publicBaseUrl' | 'catalogue'>): CatalogueUris {
  const base = config.publicBaseUrl.replace(/\/+$/, '');
  const dataset = `${base}/id/dataset/${DATASET_NAME}`;
  const snapshot = (id: string) => `${dataset}/snapshot/${id}`;
  return {
    catalogue: `${base}/id/catalog`,
    dataset,
    publisher: config.catalogue.publisherUri ?? `${base}/id/publisher`,
    distribution: (name) => `${dataset}/distribution/${name}`,
    snapshot,
    snapshotDistribution: (id, name) => `${snapshot(id)}/distribution/${name}`,
    download: (key) => `${base}/${key.split('/').map(encodeURIComponent).join('/')}`,
    landingPage: config.catalogue.landingPage ?? `${base}/`,
  };
}
