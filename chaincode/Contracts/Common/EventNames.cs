namespace MedChain.Contracts.Common;

/// <summary>The chaincode event names (one event per transaction; payload canonical JSON with pseudonyms only).</summary>
public static class EventNames
{
    public const string OrganizationsConfigured = "OrganizationsConfigured";
    public const string ConsentGranted = "ConsentGranted";
    public const string ConsentRevoked = "ConsentRevoked";
    public const string DelegateAdded = "DelegateAdded";
    public const string DelegateRemoved = "DelegateRemoved";
    public const string AccessLogged = "AccessLogged";
    public const string EmergencyAccess = "EmergencyAccess";
    public const string EmergencyReasonReviewed = "EmergencyReasonReviewed";
    public const string PrescriptionIssued = "PrescriptionIssued";
    public const string PrescriptionDispensed = "PrescriptionDispensed";
    public const string PrescriptionCancelled = "PrescriptionCancelled";
    public const string RecordAnchored = "RecordAnchored";
    public const string RecordSignedOff = "RecordSignedOff";
    public const string RecordErased = "RecordErased";
    public const string ErasureRequested = "ErasureRequested";
    public const string PatientEnrolled = "PatientEnrolled";
    public const string PatientTransferApproved = "PatientTransferApproved";
    public const string PatientTransferred = "PatientTransferred";
}
