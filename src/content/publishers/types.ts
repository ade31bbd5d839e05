import type { ContentItemRow } from '../../db/content-schema';

export interface PublishResult {
  /** The ids the channel gave, one per part (thread post, recipient); empty for a dry run. */
  remoteIds: string[];
  url?: string;
  dryRun: boolean;
}

/**
 * A channel's failure. `done` holds the ids of parts that did go out (the first posts of a thread),
 * so a retry continues after them instead of posting them twice.
 */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly done: string[] = [],
    /** Set when the channel asked us to wait (X's 429): epoch ms before which nothing may be sent. */
    readonly waitUntil?: number,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

export interface Publisher {
  /** False for a channel without credentials: everything it "publishes" is a labelled dry run. */
  readonly live: boolean;
  /** `done` = remote ids of the parts a failed earlier attempt already published. */
  publish(item: ContentItemRow, done: readonly string[]): Promise<PublishResult>;
}

/** Sends nothing, records that it sent nothing: the default for a channel without credentials. */
export const dryRunPublisher: Publisher = {
  live: false,
  async publish() {
    return { remoteIds: [], dryRun: true };
  },
};
