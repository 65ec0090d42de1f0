using MedChain.ContractApi.Tests.Samples;
using MedChain.Shim;
using MedChain.Shim.Testing;

namespace MedChain.ContractApi.Tests.ContractApi;

public sealed class ContractChaincodeTests
{
    private static readonly Patient _alice = new("p1", "Alice", 41, ["penicillin"], PatientStatus.Active, new Address("Oslo", "NO"));

    private readonly ContractChaincode _chaincode;
    private readonly RecordsContract _records;
    private readonly ChaincodeTester _tester = new(new InMemoryLedger(), "medchain");

    public ContractChaincodeTests()
    {
        _chaincode = Support.Chaincode(out _records);
    }

    private Task<TransactionResult> Invoke(params string[] args) =>
        _tester.InvokeAsync(_chaincode, args, Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task InvokeAsync_DtoArgumentOnDefaultContract_StoresCanonicalJsonAndSetsEvent()
    {
        var result = await Invoke("CreatePatient", CanonicalJson.Serialize(_alice, TestJson.Options));

        Assert.True(result.IsValid, result.Response.Message);
        Assert.Equal(CanonicalJson.Serialize(_alice, TestJson.Options), result.Response.Text());
        Assert.Equal("PatientCreated", result.Event?.EventName);
        Assert.Equal("p1", result.Event!.Payload.ToStringUtf8());
        Assert.Equal("medchain", result.Event.ChaincodeId);
        var stored = _tester.Ledger.GetState("medchain", "\0patient\0p1\0");
        Assert.Equal(
            """{"address":{"city":"Oslo","country":"NO"},"age":41,"allergies":["penicillin"],"id":"p1","name":"Alice","status":"active"}""",
            stored.Text());
    }

    [Fact]
    public async Task InvokeAsync_ExplicitContractPrefix_RoutesToThatContract()
    {
        await Invoke("CreatePatient", CanonicalJson.Serialize(_alice, TestJson.Options));

        var result = await Invoke("records:ReadPatient", "p1");

        Assert.Equal(ChaincodeResponse.OkStatus, result.Response.Status);
        Assert.Equal(CanonicalJson.Serialize(_alice, TestJson.Options), CanonicalJson.Serialize(CanonicalJson.Deserialize<Patient>(result.Response.Payload, TestJson.Options), TestJson.Options));
    }

    [Fact]
    public async Task InvokeAsync_ContractNameContainingColon_SplitsOnLastColon()
    {
        var result = await Invoke("admin:v2:Ping");

        Assert.Equal("pong from admin:v2", result.Response.Text());
    }

    [Fact]
    public async Task InvokeAsync_IntegerArguments_ReturnsJsonNumber()
    {
        var result = await Invoke("Add", "40", "2");

        Assert.Equal("42", result.Response.Text());
    }

    [Fact]
    public async Task InvokeAsync_StringParameter_ReceivesRawArgument()
    {
        var result = await Invoke("Echo", "\"not json\" {");

        Assert.Equal("\"not json\" {", result.Response.Text());
    }

    [Fact]
    public async Task InvokeAsync_ArrayArgumentAndValueTaskResult_ReturnsSortedJsonObject()
    {
        var result = await Invoke("Count", """["b","a","b"]""");

        Assert.Equal("""{"a":1,"b":2}""", result.Response.Text());
    }

    [Fact]
    public async Task InvokeAsync_EnumDateAndNestedDtoArguments_AreBound()
    {
        var result = await Invoke("Store", """{"city":"Bergen","country":"NO"}""", "\"entered-in-error\"", "\"2026-03-01T10:30:00+01:00\"", "true", "2.5");

        Assert.True(result.IsValid, result.Response.Message);
        Assert.Empty(result.Response.Payload);
        Assert.Equal(
            """{"address":{"city":"Bergen","country":"NO"},"flag":true,"score":2.5,"status":"entered-in-error","when":"2026-03-01T09:30:00.0000000Z"}""",
            result.Event!.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task InvokeAsync_TaskWithoutResult_EmptyPayloadAndWriteCommitted()
    {
        await Invoke("CreatePatient", CanonicalJson.Serialize(_alice, TestJson.Options));

        var result = await Invoke("SetAge", "p1", "42");

        Assert.True(result.IsValid);
        Assert.Empty(result.Response.Payload);
        Assert.Contains("\"age\":42", _tester.Ledger.GetState("medchain", "\0patient\0p1\0").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_NullResult_EmptyPayload()
    {
        var result = await Invoke("Nothing");

        Assert.Equal(ChaincodeResponse.OkStatus, result.Response.Status);
        Assert.Empty(result.Response.Payload);
    }

    [Fact]
    public async Task InvokeAsync_ContractException_MessageAndStatusReachClientAndNothingCommitted()
    {
        await Invoke("CreatePatient", CanonicalJson.Serialize(_alice, TestJson.Options));
        var height = _tester.Ledger.Height;

        var result = await Invoke("CreatePatient", CanonicalJson.Serialize(_alice with { Name = "Mallory" }, TestJson.Options));

        Assert.Equal(409, result.Response.Status);
        Assert.Equal("Patient p1 already exists", result.Response.Message);
        Assert.Null(result.ValidationCode);
        Assert.Equal(height, _tester.Ledger.Height);
        Assert.Contains("Alice", _tester.Ledger.GetState("medchain", "\0patient\0p1\0").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_UnexpectedException_GenericMessageWithoutInternals()
    {
        var result = await Invoke("Explode");

        Assert.Equal(ChaincodeResponse.ErrorStatus, result.Response.Status);
        Assert.Contains("internal error", result.Response.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Response.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_UnknownFunction_ErrorNamesFunctionAndContract()
    {
        var result = await Invoke("DropAllTables");

        Assert.Equal(400, result.Response.Status);
        Assert.Equal("Unknown function 'DropAllTables' in contract 'records'", result.Response.Message);
    }

    [Fact]
    public async Task InvokeAsync_MethodWithoutTransactionAttribute_IsUnknown()
    {
        var result = await Invoke("NotATransaction");

        Assert.Equal("Unknown function 'NotATransaction' in contract 'records'", result.Response.Message);
    }

    [Fact]
    public async Task InvokeAsync_OverriddenUnknownTransaction_UsesContractsAnswer()
    {
        var result = await Invoke("admin:v2:Pong");

        Assert.Equal(404, result.Response.Status);
        Assert.Equal("admin:v2 has no 'Pong'; try Ping", result.Response.Message);
    }

    [Fact]
    public async Task InvokeAsync_UnknownContract_Error()
    {
        var result = await Invoke("billing:Charge", "1");

        Assert.Equal(400, result.Response.Status);
        Assert.Equal("Unknown contract 'billing'", result.Response.Message);
    }

    [Fact]
    public async Task InvokeAsync_NoArguments_Error()
    {
        var result = await Invoke();

        Assert.Equal(400, result.Response.Status);
        Assert.Contains("No function name", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_WrongArgumentCount_ErrorStatesExpectedCount()
    {
        var result = await Invoke("Add", "1");

        Assert.Equal(400, result.Response.Status);
        Assert.Equal("Transaction 'Add' expects 2 arguments (a, b) but was given 1.", result.Response.Message);
    }

    [Fact]
    public async Task InvokeAsync_MalformedJson_ErrorNamesParameterAndType()
    {
        var result = await Invoke("CreatePatient", "{\"id\":\"p1\",");

        Assert.Equal(400, result.Response.Status);
        Assert.StartsWith("invalid patient: is not valid JSON (", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_UnknownJsonMember_RejectedStrictly()
    {
        var result = await Invoke("CreatePatient", """{"id":"p1","name":"A","age":1,"allergies":[],"status":"active","isAdmin":true}""");

        Assert.Equal(400, result.Response.Status);
        Assert.Equal("invalid patient.isAdmin: is not a known field", result.Response.Message);
    }

    [Theory]
    [InlineData("x", "1")]
    [InlineData("1.5", "1")]
    [InlineData("null", "1")]
    [InlineData("99999999999", "1")]
    public async Task InvokeAsync_InvalidIntegerArgument_ErrorNamesParameter(string a, string b)
    {
        var result = await Invoke("Add", a, b);

        Assert.Equal(400, result.Response.Status);
        Assert.Matches("^(invalid a: |Argument 'a' must not be null)", result.Response.Message);
    }

    [Fact]
    public async Task InvokeAsync_NullForNonNullableDto_Rejected()
    {
        var result = await Invoke("CreatePatient", "null");

        Assert.Equal("Argument 'patient' must not be null.", result.Response.Message);
    }

    [Fact]
    public async Task InvokeAsync_Hooks_RunAroundTransactionWithResult()
    {
        await Invoke("Add", "1", "2");

        Assert.Equal(["before:Add", "after:Add:3"], _records.Calls);
    }

    [Fact]
    public async Task InvokeAsync_BadArguments_OnlyTheBeforeHookRuns()
    {
        await Invoke("Add", "1");

        // The before hook decides who may call before the input is looked at.
        Assert.Equal(["before:Add"], _records.Calls);
    }

    [Fact]
    public async Task InvokeAsync_BeforeHookThrows_TransactionNotRunAndNothingWritten()
    {
        _records.RejectInBefore = true;

        var result = await Invoke("CreatePatient", CanonicalJson.Serialize(_alice, TestJson.Options));

        Assert.Equal(403, result.Response.Status);
        Assert.Equal("rejected by the before hook", result.Response.Message);
        Assert.Equal(["before:CreatePatient"], _records.Calls);
        Assert.Empty(_tester.Ledger.GetAllStates("medchain"));
    }

    [Fact]
    public async Task InvokeAsync_ClientIdentity_ComesFromTheFactory()
    {
        var doctor = await Invoke("WhoAmI");
        var pharmacist = await _tester.InvokeAsync(_chaincode, ["WhoAmI"], Support.Pharmacist, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Org1MSP/doctor", doctor.Response.Text());
        Assert.Equal("Org2MSP/", pharmacist.Response.Text());
    }

    [Fact]
    public async Task InvokeAsync_DefaultOptions_IdentityIsTheShimsClientIdentity()
    {
        var chaincode = new ContractChaincode(new RecordsContract());

        var who = await _tester.InvokeAsync(chaincode, ["WhoAmI"], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Org1MSP/doctor", who.Response.Text());
    }

    [Fact]
    public async Task InvokeAsync_IdentityFactoryFails_OnlyTransactionsUsingTheIdentityFail()
    {
        var calls = 0;
        var chaincode = new ContractChaincode(
            [new RecordsContract()],
            new ContractChaincodeOptions { IdentityFactory = _ => throw new FormatException($"bad creator {++calls}") });

        var who = await _tester.InvokeAsync(chaincode, ["WhoAmI"], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);
        var add = await _tester.InvokeAsync(chaincode, ["Add", "1", "1"], Support.Doctor, Support.Time, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(who.Response.IsSuccess);
        Assert.DoesNotContain("bad creator", who.Response.Message, StringComparison.Ordinal);
        Assert.Equal("2", add.Response.Text());
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task InvokeAsync_CancelledToken_ErrorResponseAndNothingWritten()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await _tester.InvokeAsync(_chaincode, ["CreatePatient", CanonicalJson.Serialize(_alice, TestJson.Options)], Support.Doctor, Support.Time, cancellationToken: cancelled.Token);

        Assert.False(result.Response.IsSuccess);
        Assert.Equal("Transaction 'CreatePatient' was cancelled.", result.Response.Message);
        Assert.Empty(_tester.Ledger.GetAllStates("medchain"));
    }

    [Fact]
    public async Task InitAsync_NoArguments_Succeeds()
    {
        var result = await _tester.InvokeAsync(_chaincode, [], Support.Doctor, Support.Time, new TransactionOptions { IsInit = true }, TestContext.Current.CancellationToken);

        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task InitAsync_WithFunction_RoutesLikeInvoke()
    {
        var result = await _tester.InvokeAsync(_chaincode, ["admin:v2:Put", "k", "v"], Support.Doctor, Support.Time, new TransactionOptions { IsInit = true }, TestContext.Current.CancellationToken);

        Assert.True(result.IsValid);
        Assert.Equal("v", _tester.Ledger.GetState("medchain", "k").Text());
    }

    [Fact]
    public async Task InvokeAsync_ConcurrentDoubleUpdate_SecondCommitGetsMvccConflict()
    {
        await Invoke("CreatePatient", CanonicalJson.Serialize(_alice, TestJson.Options));
        var ct = TestContext.Current.CancellationToken;

        var first = await _tester.SimulateAsync(_chaincode, ["SetAge", "p1", "50"], Support.Doctor, Support.Time, cancellationToken: ct);
        var second = await _tester.SimulateAsync(_chaincode, ["SetAge", "p1", "60"], Support.Doctor, Support.Time, cancellationToken: ct);

        Assert.Equal(PeerPb.TxValidationCode.Valid, _tester.Commit(first).ValidationCode);
        Assert.Equal(PeerPb.TxValidationCode.MvccReadConflict, _tester.Commit(second).ValidationCode);
        Assert.Contains("\"age\":50", _tester.Ledger.GetState("medchain", "\0patient\0p1\0").Text(), StringComparison.Ordinal);
    }
}
