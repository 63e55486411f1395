// Preloaded (`node --require`) into each Azurite process that ml-connector's AzuriteEmulator starts with
// AzuriteLayout.ProcessPerService (serve, demo, chaos, bench), before Azurite's own entry point runs.
//
// Azurite 3.35's queue store removes the expired messages before every get and delete
// (LokiQueueMetadataStore.clearExpiredMessages calls `collection.remove(docs)`, almost always with no docs). LokiJS
// 1.5.12's batch remove marks every binary index of the collection dirty even when the batch is empty, so the next
// lookup re-sorts the whole message collection: every queue operation then costs O(n log n) in the messages held by
// all queues together, and a backlog of a few thousand messages saturates the emulator's one thread.
//
// Removing nothing changes nothing, so an empty batch is skipped; a one-document batch takes LokiJS's single-document
// path, which updates the indices in place. Larger batches are unchanged.
//
// The same batch path costs far more in `collection.findAndRemove(filter)`, which LokiJS sends through its
// position-batch remove: on a collection with binary indices that rebuilds every index from scratch (a full sort) even
// for one document, or for none. Azurite 3.35's queue GC (QueueGCManager, every 60 s) deletes each unreferenced message
// extent with `findAndRemove({ id })` from the extents collection (LokiExtentMetadataStore.deleteExtent, `id` indexed),
// one call per extent, and every deleted message leaves one extent behind: a sweep after a burst of k deleted messages
// among n extents costs k full sorts of n. After bench's webhook burst the queue process spent 44 s of one core in one
// sweep, answering nothing (docs/performance.md); 10,000 of 20,000 extents took 268 s in LokiJS alone. A filter that
// matches one document now takes the single-document path (indices updated in place, O(n)), one that matches none
// removes nothing, and larger matches are unchanged. The same documents are removed.
//
// Even in place, one remove is O(n) (LokiJS shifts every index position above it), and Azurite's in-memory extent store
// (MemoryExtentStore.deleteExtents, `--inMemoryPersistence`) deletes a sweep's extents in one loop whose awaits never
// reach the event loop: 60,000 of 100,000 extents are still 11.6 s in which nothing else is served. So the sweep is
// handed the extents 256 at a time, with a turn of the event loop (setImmediate) between, and requests are served
// between the chunks. That is safe: an extent the sweep found unreferenced is never referenced again (each message or
// block write makes a new one), and the file-backed store's deletes already interleave with requests (each unlink is
// real I/O). The same extents are deleted and the same count is returned.
//
// Azurite 3.35's table store finds one entity (a point read, and the existence check of every insert, update and merge)
// with `collection.findOne({ PartitionKey, RowKey })`. LokiJS narrows by the first key's binary index and compares the
// second key on every document in that range, so a point read in a partition of n rows costs n comparisons: our
// connection-and-day audit partitions hold tens of thousands of rows in a long run. Both keys are indexed, so the lookup
// is given the key whose index range is smaller first (two binary searches). Same filter, same answer.
'use strict';
const path = require('path');
const loki = require(require.resolve('lokijs', { paths: [path.dirname(process.argv[1])] }));
const collection = loki.Collection.prototype;
const remove = collection.remove;
collection.remove = function removeSkippingEmptyBatches(doc) {
  if (Array.isArray(doc)) {
    if (doc.length === 0) {
      return undefined;
    }

    if (doc.length === 1) {
      return remove.call(this, doc[0]);
    }
  }

  return remove.call(this, doc);
};

const findAndRemove = collection.findAndRemove;
collection.findAndRemove = function findAndRemoveOneInPlace(filterObject) {
  const found = this.find(filterObject);
  if (found.length === 0) {
    return undefined;
  }

  if (found.length === 1) {
    remove.call(this, found[0]);
    return undefined;
  }

  return findAndRemove.call(this, filterObject);
};

const memoryExtentStore = require(require.resolve('azurite/dist/src/common/persistence/MemoryExtentStore.js', { paths: [path.dirname(process.argv[1])] })).default.prototype;
const deleteExtents = memoryExtentStore.deleteExtents;
const extentsPerTurn = 256;
memoryExtentStore.deleteExtents = async function deleteExtentsYieldingBetweenChunks(extents) {
  let count = 0;
  let chunk = [];
  for (const id of extents) {
    chunk.push(id);
    if (chunk.length === extentsPerTurn) {
      count += await deleteExtents.call(this, chunk);
      chunk = [];
      await new Promise(resolve => setImmediate(resolve));
    }
  }

  return chunk.length === 0 ? count : count + await deleteExtents.call(this, chunk);
};

const findOne = collection.findOne;
const rangeSize = (coll, property, value) => {
  coll.ensureIndex(property);
  const range = coll.calculateRange('$eq', property, value);
  return range[1] - range[0] + 1;
};
collection.findOne = function findOneByTheNarrowerKey(query) {
  if (query && typeof query.PartitionKey === 'string' && typeof query.RowKey === 'string' && Object.keys(query).length === 2
    && this.binaryIndices && this.binaryIndices.PartitionKey && this.binaryIndices.RowKey && this.data.length > 0
    && rangeSize(this, 'RowKey', query.RowKey) < rangeSize(this, 'PartitionKey', query.PartitionKey)) {
    return findOne.call(this, { RowKey: query.RowKey, PartitionKey: query.PartitionKey });
  }

  return findOne.apply(this, arguments);
};
