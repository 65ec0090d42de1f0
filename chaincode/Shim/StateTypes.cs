namespace MedChain.Shim;

/// <summary>A key and its value, as range and composite-key queries return them.</summary>
public sealed record KeyValue(string Namespace, string Key, byte[] Value);

/// <summary>One historic write of a key (GetHistoryForKey).</summary>
public sealed record KeyModification(string TxId, byte[] Value, DateTimeOffset Timestamp, bool IsDelete);

/// <summary>Pagination result of a paged query: how many records were fetched and the bookmark for the next page.</summary>
public sealed record QueryResponseMetadata(int FetchedRecordsCount, string Bookmark);

/// <summary>
/// Results of a query, read lazily from the peer in batches. Dispose it to close the
/// iterator on the peer (QUERY_STATE_CLOSE) when not read to the end.
/// </summary>
public interface IQueryResultsIterator<out T> : IAsyncEnumerable<T>, IAsyncDisposable;

/// <summary>A paged query's iterator plus its metadata.</summary>
public sealed record PagedQueryResult<T>(IQueryResultsIterator<T> Iterator, QueryResponseMetadata Metadata);
