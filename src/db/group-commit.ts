/**
 * Group commit: writes requested while the previous batch is still in the database wait for it
 * and then go together in one statement. Alone, a write goes at the next turn of the event loop
 * (no added delay); under load, a busy moment's writes share one round trip and one commit.
 */
import DataLoader from "dataloader";

/** `write` answers each item in order: its result, or an Error for that item alone. */
export type BatchWrite<Item, Result> = (items: readonly Item[]) => Promise<(Result | Error)[]>;

export function createGroupCommit<Item, Result>(
  write: BatchWrite<Item, Result>,
  maxBatch = 200,
): (item: Item) => Promise<Result> {
  let previous: Promise<unknown> = Promise.resolve();
  const loader = new DataLoader<Item, Result, Item>(
    (items) => {
      const batch = write(items);
      previous = batch.catch(() => undefined);
      return batch;
    },
    {
      cache: false,
      maxBatchSize: maxBatch,
      batchScheduleFn: (dispatch) => {
        void previous.then(() => setImmediate(dispatch));
      },
    },
  );
  return (item) => loader.load(item);
}
