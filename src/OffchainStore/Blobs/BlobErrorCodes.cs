namespace MedChain.OffchainStore.Blobs;

/// <summary>Blob service error codes (the x-ms-error-code header) that MedChain handles.</summary>
public static class BlobErrorCodes
{
    public const string ContainerAlreadyExists = nameof(ContainerAlreadyExists);
    public const string ContainerNotFound = nameof(ContainerNotFound);
    public const string BlobAlreadyExists = nameof(BlobAlreadyExists);
    public const string BlobNotFound = nameof(BlobNotFound);
    public const string ConditionNotMet = nameof(ConditionNotMet);
    public const string Md5Mismatch = nameof(Md5Mismatch);
}
